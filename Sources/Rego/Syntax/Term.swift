/// A Rego term: a scalar, a variable, a reference, a collection, a call or a comprehension.
struct Term: Sendable {
    /// The shapes a term can take. `variable` and `call` come from the parser; the compiler
    /// replaces them with `local`, `ref` and the resolved call cases.
    indirect enum Kind: Sendable {
        case scalar(Value)
        case variable(String)
        /// A variable resolved to a slot of its rule's frame.
        case local(Int, String)
        /// The root documents `data` and `input`.
        case data
        case input
        /// The document of the rule-tree node with this id, at this constant path below `data`: the compiler's
        /// resolution of a data reference's constant prefix (``DocumentResolver``), the head of a `ref`.
        case document(Int, [String])
        case ref(Term, [Term])
        case array([Term])
        case object([ObjectEntry])
        case set([Term])
        case call(Term, [Term])
        case builtinCall(Builtin, [Term])
        case functionCall([String], [Term])
        case arrayComprehension(Term, [Expr])
        case setComprehension(Term, [Expr])
        case objectComprehension(Term, Term, [Expr])
        case template([TemplatePart])
    }

    var kind: Kind
    var location: SourceLocation

    init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The constant value of a scalar term.
    var scalarValue: Value? {
        if case .scalar(let v) = kind { return v }
        return nil
    }

    /// The name of an unresolved variable term.
    var variableName: String? {
        if case .variable(let n) = kind { return n }
        return nil
    }
}

/// A key/value pair of an object literal.
struct ObjectEntry: Sendable {
    var key: Term
    var value: Term
}

/// A piece of a template string: literal text or an embedded expression.
enum TemplatePart: Sendable {
    case text(String)
    case expression([Expr])
}
