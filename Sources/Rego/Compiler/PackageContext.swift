/// What names mean inside one module: its package's rules, its imports and the root documents.
struct PackageContext {
    /// The package path below `data`.
    let package: [String]
    /// The first head segment of every rule in the package, across modules.
    let ruleNames: Set<String>
    /// Import bindings: name to absolute path (starting with `data` or `input`).
    let imports: [String: [String]]

    /// The query context: no package, no imports.
    static let query = PackageContext(package: [], ruleNames: [], imports: [:])

    /// Whether a free name refers to a root document, an import or a rule.
    func isGlobal(_ name: String) -> Bool {
        name == "input" || name == "data" || imports[name] != nil || ruleNames.contains(name)
    }

    /// The term a free name stands for, if it names a root document, an import or a rule.
    func global(_ name: String, at location: SourceLocation) -> Term? {
        if name == "input" { return Term(.input, location) }
        if name == "data" { return Term(.data, location) }
        if let path = imports[name] {
            return PackageContext.refTerm(path, location)
        }
        if ruleNames.contains(name) {
            return PackageContext.refTerm(["data"] + package + [name], location)
        }
        return nil
    }

    /// A reference term for an absolute path such as `["data", "a", "b"]`.
    static func refTerm(_ path: [String], _ location: SourceLocation) -> Term {
        let head = Term(path.first == "input" ? .input : .data, location)
        let rest = path.dropFirst().map { Term(.scalar(.string($0)), location) }
        return rest.isEmpty ? head : Term(.ref(head, Array(rest)), location)
    }
}
