/// A parsed Rego module: package, imports and rules.
struct Module: Sendable {
    var file: String
    /// Package path below `data`, e.g. `["authz", "v1"]`.
    var package: [String]
    var imports: [Import]
    var rules: [Rule]
    var location: SourceLocation
}

/// `import data.x.y as alias`.
struct Import: Sendable {
    /// The imported path, starting with `data`, `input`, `future` or `rego`.
    var path: [String]
    var alias: String?
    var location: SourceLocation

    /// The name the import binds in the module.
    var boundName: String? { alias ?? (path.count > 1 ? path.last : nil) }
}
