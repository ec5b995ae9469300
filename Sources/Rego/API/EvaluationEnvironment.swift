/// What one evaluation may observe from outside: the clock, randomness and error strictness.
public struct EvaluationEnvironment: Sendable {
    /// The clock behind `time.now_ns` (read once per evaluation).
    public var clock: any TimeSource = SystemTimeSource()
    /// The source behind `rand.intn` and `uuid.rfc4122`.
    public var randomness: any RandomSource = SystemRandomSource()
    /// Whether built-in errors abort evaluation (OPA's `strict-builtin-errors`) instead of
    /// making the call undefined.
    public var strictBuiltinErrors = false

    /// The system clock and randomness, lenient built-in errors.
    public init() {}
}
