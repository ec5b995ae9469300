/// What one evaluation may observe from outside: the clock, randomness, error strictness and its deadline.
public struct EvaluationEnvironment: Sendable {
    /// The clock behind `time.now_ns` (read once per evaluation).
    public var clock: any EvaluationClock = SystemEvaluationClock()
    /// The source behind `rand.intn` and `uuid.rfc4122`.
    public var randomness: any EvaluationRandomness = SystemEvaluationRandomness()
    /// Whether built-in errors abort evaluation (OPA's `strict-builtin-errors`) instead of
    /// making the call undefined.
    public var strictBuiltinErrors = false
    /// An instant after which evaluation stops with `eval_limit_error`, such as the deadline of the request it
    /// serves; the sooner of this and `Limits.maxEvaluationDuration` applies. Cancelling the Swift task that
    /// evaluates stops it too (`eval_cancel_error`).
    public var deadline: ContinuousClock.Instant? {
        get { deadlineOffset.map { Self.origin.advanced(by: $0) } }
        set { deadlineOffset = newValue.map { Self.origin.duration(to: $0) } }
    }

    /// The deadline as an offset from `origin`: a `Duration` has a fixed layout where an instant's must be looked up
    /// at run time, which made copying an environment cost as much as a small evaluation.
    var deadlineOffset: Duration?
    /// The instant deadlines are stored relative to.
    static let origin = ContinuousClock.now

    /// The system clock and randomness, lenient built-in errors, no deadline but the limits'.
    public init() {}
}
