/// A lexical scope mapping variable names to frame slots; closures get child scopes.
final class Scope {
    let parent: Scope?
    private(set) var names: [String: Int] = [:]
    /// Names declared with `some` or `:=` in this scope (so a second `:=` is an error).
    private(set) var declared: Set<String> = []

    init(parent: Scope?) { self.parent = parent }

    /// The body index at which each `:=`/`some` name was declared.
    private var declaredAt: [String: Int] = [:]
    /// The index of the expression being resolved; later declarations are not yet visible
    /// to closures.
    var cursor = Int.max

    /// The slot for `name` in this scope or an enclosing one.
    func lookup(_ name: String) -> Int? {
        if let slot = names[name] { return slot }
        return parent?.lookupFromClosure(name)
    }

    private func lookupFromClosure(_ name: String) -> Int? {
        if let slot = names[name], (declaredAt[name] ?? -1) <= cursor { return slot }
        return parent?.lookupFromClosure(name)
    }

    /// Records that `name` is declared by the expression at `index`.
    func noteDeclaration(_ name: String, at index: Int) {
        if declaredAt[name] == nil { declaredAt[name] = index }
    }

    /// The slot for `name` in this scope only.
    func local(_ name: String) -> Int? { names[name] }

    func bind(_ name: String, to slot: Int) { names[name] = slot }

    func markDeclared(_ name: String) { declared.insert(name) }
}
