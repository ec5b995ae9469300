/// A rule after name resolution and safety reordering, ready to evaluate.
final class CompiledRule: Sendable {
    let kind: Rule.Kind
    /// Absolute static path below `data` (package and constant head segments).
    let path: [String]
    /// Head segments after the static path (partial object rules), resolved.
    let dynamicHead: [Term]
    /// The member term of a partial set rule.
    let key: Term?
    let value: Term
    let args: [Term]
    let body: [Expr]
    let elseRule: CompiledRule?
    /// Frame size shared by the rule, its arguments and its `else` chain.
    let slotCount: Int
    let location: SourceLocation

    init(
        kind: Rule.Kind, path: [String], dynamicHead: [Term], key: Term?, value: Term, args: [Term],
        body: [Expr], elseRule: CompiledRule?, slotCount: Int, location: SourceLocation
    ) {
        self.kind = kind
        self.path = path
        self.dynamicHead = dynamicHead
        self.key = key
        self.value = value
        self.args = args
        self.body = body
        self.elseRule = elseRule
        self.slotCount = slotCount
        self.location = location
    }

    /// `data.a.b` for messages.
    var pathName: String { (["data"] + path).joined(separator: ".") }
}
