import Foundation

/// The clock `time.now_ns` reads; inject a fixed one to evaluate policies at a pinned instant.
public protocol TimeSource: Sendable {
    /// Nanoseconds since the Unix epoch.
    func nanosecondsSinceEpoch() -> Int
}

/// The system clock.
public struct SystemTimeSource: TimeSource {
    /// Creates the system clock.
    public init() {}

    public func nanosecondsSinceEpoch() -> Int {
        Int(Date().timeIntervalSince1970 * 1_000_000_000)
    }
}

/// A clock stopped at one instant.
public struct FixedTimeSource: TimeSource {
    /// The instant, in nanoseconds since the Unix epoch.
    public var nanoseconds: Int

    /// Creates a clock that always reads `nanoseconds`.
    public init(nanoseconds: Int) { self.nanoseconds = nanoseconds }

    public func nanosecondsSinceEpoch() -> Int { nanoseconds }
}
