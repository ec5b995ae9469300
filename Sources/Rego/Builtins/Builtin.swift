/// A built-in function: its name, arity and implementation.
public struct Builtin: Sendable {
    /// The signature of a built-in's implementation.
    public typealias Implementation = @Sendable (_ args: [Value], _ context: BuiltinContext) throws -> Value?

    /// The dotted name, e.g. `strings.replace_n`.
    public let name: String
    /// The number of arguments.
    public let arity: Int
    /// Whether the result may differ between calls with the same arguments (time, randomness).
    public let isNondeterministic: Bool
    /// Whether the function yields several results (returned as an array), like `walk`.
    let isRelation: Bool
    let implementation: Implementation

    /// Creates a built-in; `implementation` returns nil for an undefined result.
    public init(name: String, arity: Int, isNondeterministic: Bool = false, implementation: @escaping Implementation) {
        self.init(name: name, arity: arity, isNondeterministic: isNondeterministic, isRelation: false, implementation: implementation)
    }

    init(name: String, arity: Int, isNondeterministic: Bool = false, isRelation: Bool, implementation: @escaping Implementation) {
        self.name = name
        self.arity = arity
        self.isNondeterministic = isNondeterministic
        self.isRelation = isRelation
        self.implementation = implementation
    }
}
