/// The variable bindings of one rule, function or query invocation.
final class Frame {
    var slots: [Value?]

    init(size: Int) { slots = Array(repeating: nil, count: size) }
}

/// The compiled, immutable form of a set of modules that evaluations share.
struct CompiledPolicy: Sendable {
    let root: RuleNode
    let functions: [[String]: FunctionGroup]
    let builtins: [String: Builtin]
}

/// A function replacing a built-in or user function under `with`.
enum FunctionMock {
    case value(Value)
    case replacement(FunctionReplacement)
}
