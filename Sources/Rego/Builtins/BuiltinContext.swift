/// What a built-in may consult during evaluation: the clock, randomness and limits.
public struct BuiltinContext: Sendable {
    /// Nanoseconds since the Unix epoch, fixed for one evaluation.
    public let nowNanoseconds: Int
    /// The source of randomness.
    public let randomness: any RandomSource
    /// The bounds in force.
    public let limits: Limits
}
