/// The variable bindings of one rule, function or query invocation.
final class Frame {
    var slots: [Value?]

    init(size: Int) { slots = Array(repeating: nil, count: size) }
}

/// A function replacing a built-in or user function under `with`.
enum FunctionMock {
    case value(Value)
    case replacement(FunctionReplacement)
}
