public import Foundation

/// The clock `time.now_ns` reads; inject a fixed one to evaluate policies at a pinned instant.
public protocol EvaluationClock: Sendable {
    /// Nanoseconds since the Unix epoch.
    func nanosecondsSinceEpoch() -> Int
}

/// The system clock.
public struct SystemEvaluationClock: EvaluationClock {
    /// Creates the system clock.
    public init() {}

    public func nanosecondsSinceEpoch() -> Int {
        FixedEvaluationClock(Date()).nanoseconds
    }
}

/// A clock stopped at one instant.
public struct FixedEvaluationClock: EvaluationClock {
    /// The instant, in nanoseconds since the Unix epoch.
    public var nanoseconds: Int

    /// Creates a clock that always reads `nanoseconds`.
    public init(nanoseconds: Int) { self.nanoseconds = nanoseconds }

    /// Creates a clock that always reads `date` (clamped to what 64 bits of nanoseconds hold: years 1677–2262).
    public init(_ date: Date) {
        let nanoseconds = (date.timeIntervalSince1970 * 1e9).rounded()
        self.nanoseconds = Int(exactly: nanoseconds) ?? (nanoseconds < 0 ? Int.min : Int.max)
    }

    public func nanosecondsSinceEpoch() -> Int { nanoseconds }
}
