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
    /// What the target replaces, set by the compiler.
    var resolved: WithTarget?
    /// The function that replaces a function target, when the value names one.
    var replacement: FunctionReplacement?
}

/// A function standing in for another under `with`.
enum FunctionReplacement: Sendable {
    case builtin(Builtin)
    case function([String])
}

/// The document or function a `with` modifier replaces.
enum WithTarget: Sendable {
    case input([String])
    case data([String])
    case builtin(String)
    case function([String])
}
