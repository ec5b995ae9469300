/// One literal of a rule body or query, with its `not` and `with` modifiers.
struct Expr: Sendable {
    /// The shapes an expression can take.
    indirect enum Kind: Sendable {
        /// A term that must be defined and not false.
        case term(Term)
        /// `lhs = rhs`.
        case unify(Term, Term)
        /// `lhs := rhs`.
        case assign(Term, Term)
        /// `some x, y`.
        case some([Term])
        /// `some k, v in collection` (key optional).
        case someIn(key: Term?, value: Term, collection: Term)
        /// `every k, v in domain { body }` (key optional).
        case every(key: Term?, value: Term, domain: Term, body: [Expr])
    }

    var kind: Kind
    var negated = false
    var withs: [WithModifier] = []
    var location: SourceLocation
}

/// `with target as value`.
struct WithModifier: Sendable {
    var target: Term
    var value: Term
    var location: SourceLocation
}
