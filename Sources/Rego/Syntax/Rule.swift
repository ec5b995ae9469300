/// A rule, function or default rule, with its `else` chain.
struct Rule: Sendable {
    /// What the rule contributes to its document.
    enum Kind: Sendable, Equatable {
        /// `p := v`: a single value.
        case complete
        /// `p contains x`: members of a set.
        case partialSet
        /// `p[k] := v` or deeper ref heads with variables: entries of an object.
        case partialObject
        /// `f(x) := v`.
        case function
    }

    var kind: Kind
    /// The head reference relative to the package, e.g. `p`, `p.q`, `p[x]`.
    var head: [Term]
    /// Function parameters.
    var args: [Term] = []
    /// The member of a partial set.
    var key: Term?
    /// The value; `true` when omitted.
    var value: Term
    var body: [Expr]
    var isDefault = false
    /// Whether the head used `:=` (so a redefinition is an error).
    var isAssignment = false
    var elseRule: ElseRule?
    var location: SourceLocation
    /// The `# METADATA` annotations directly above the rule, and those of its package (`rego.metadata.rule()`,
    /// `rego.metadata.chain()`).
    var annotations: Value?
    var packageAnnotations: Value?
    /// Frame size after compilation.
    var slotCount = 0

    /// The head name's first segment.
    var name: String {
        if case .variable(let n) = head.first?.kind { return n }
        if case .scalar(.string(let n)) = head.first?.kind { return n }
        return ""
    }
}

/// The rule that applies when the preceding rule's body fails (`else`).
final class ElseRule: Sendable {
    let rule: Rule

    init(_ rule: Rule) { self.rule = rule }
}
