#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one evaluation may still spend besides steps: bytes built (a proxy for the memory it allocates) and time.
///
/// Built-ins reserve room for a result before they build it, so that an oversized result fails before it is
/// allocated; comprehensions and rule documents count each member they add. Time is read every 1024 steps:
/// the wall clock against `Limits.maxEvaluationDuration` and the caller's deadline, and the cancellation of the
/// current Swift task.
///
/// It also holds the built-in results that must stay the same for the whole evaluation, so that one object per
/// evaluation carries all of its mutable state: a second allocation cost 4 % of a one-rule evaluation.
final class EvaluationBudget {
    /// What one member of a collection counts for against `Limits.maxAllocationBytes`.
    static let bytesPerMember = 16

    let limits: Limits
    /// When the evaluation started, on the coarse monotonic clock.
    private let start: Int
    /// The caller's deadline, as an offset from `EvaluationEnvironment.origin`.
    private let callerDeadline: Duration?
    /// Bytes counted so far.
    private var allocated = 0
    /// Units of work inside built-ins, for `tick`.
    private var ticks = 0
    /// Results of nondeterministic built-ins, by call (`BuiltinContext.remembered`).
    var remembered: [Value: Value] = [:]

    init(limits: Limits, deadline: Duration?) {
        self.limits = limits
        start = Self.coarseNanoseconds()
        callerDeadline = deadline
    }

    /// Reserves room for a string of `count` UTF-8 bytes, before building it.
    func reserve(bytes count: Int) throws(RegoError) {
        try checkOutputSize(count)
        try charge(count)
    }

    /// Reserves room for a collection of `count` members, before building it.
    func reserve(members count: Int) throws(RegoError) {
        try checkOutputSize(count)
        try charge(members: count)
    }

    /// Counts `count` members added to a collection under construction (its own size is checked by the caller).
    func charge(members count: Int) throws(RegoError) {
        try charge(count.saturatingProduct(Self.bytesPerMember))
    }

    /// Counts one member, itself made of `parts` members, added to a collection that has `count` members, before
    /// adding it.
    func grow(members count: Int, adding parts: Int = 1) throws(RegoError) {
        try checkOutputSize(count.saturatingSum(1))
        try charge(members: parts)
    }

    /// Counts `added` bytes appended to a string under construction that has `count` bytes, before appending them.
    func grow(bytes count: Int, by added: Int) throws(RegoError) {
        try checkOutputSize(count.saturatingSum(added))
        try charge(added)
    }

    /// Fails when writing `value` as text after `count` bytes would certainly pass `Limits.maxOutputSize`: checked
    /// before a value's JSON or Rego text is built, since a value that nests one member twice at each level is small
    /// in memory but exponential as text.
    func checkText(of value: Value, after count: Int = 0) throws(RegoError) {
        if value.textSize(exceeds: limits.maxOutputSize - count) {
            throw .limitExceeded(limit: "maxOutputSize", bound: limits.maxOutputSize)
        }
    }

    /// Fails when one result would have more than `Limits.maxOutputSize` members or bytes.
    func checkOutputSize(_ count: Int) throws(RegoError) {
        if count > limits.maxOutputSize {
            throw .limitExceeded(limit: "maxOutputSize", bound: limits.maxOutputSize)
        }
    }

    private func charge(_ bytes: Int) throws(RegoError) {
        let (total, overflow) = allocated.addingReportingOverflow(max(bytes, 0))
        guard !overflow, total <= limits.maxAllocationBytes else {
            throw .limitExceeded(limit: "maxAllocationBytes", bound: limits.maxAllocationBytes)
        }
        allocated = total
    }

    /// Counts one unit of work inside a built-in whose running time is not bounded by its output (a loop over the
    /// product of two operands, say); every 4096 of them check the time as steps do.
    func tick() throws(RegoError) {
        ticks &+= 1
        if ticks & 4095 == 0 { try checkTime(nil) }
    }

    /// Fails when the task was cancelled, the caller's deadline passed or the evaluation ran out of time.
    func checkTime(_ location: SourceLocation?) throws(RegoError) {
        if Task.isCancelled { throw .cancelled(location: location) }
        let elapsed = Duration.nanoseconds(Self.coarseNanoseconds() - start)
        if let callerDeadline, EvaluationEnvironment.origin.duration(to: .now) >= callerDeadline {
            throw .limitExceeded(limit: "deadline", bound: Self.milliseconds(elapsed), location: location)
        }
        if elapsed >= limits.maxEvaluationDuration {
            throw .limitExceeded(
                limit: "maxEvaluationDuration", bound: Self.milliseconds(limits.maxEvaluationDuration), location: location)
        }
    }

    /// A monotonic clock read cheaply enough for every evaluation (a few nanoseconds, against about 50 for
    /// `ContinuousClock.now`); on Linux its resolution is a scheduler tick (1–10 ms), ample for bounds in seconds.
    private static func coarseNanoseconds() -> Int {
        var now = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_MONOTONIC_COARSE, &now)
        #else
        clock_gettime(CLOCK_MONOTONIC, &now)
        #endif
        return Int(now.tv_sec) &* 1_000_000_000 &+ Int(now.tv_nsec)
    }

    /// Whole milliseconds in `duration`, clamped to `0...Int.max`.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        let (total, carry) = ms.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflow || carry ? Int.max : Int(total)
    }
}
