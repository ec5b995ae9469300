/// A source of random integers for `rand.intn`; inject a seeded one for reproducible tests.
public protocol EvaluationRandomness: Sendable {
    /// A uniformly random integer in `0..<upperBound` (`upperBound` > 0).
    func next(below upperBound: Int) -> Int
}

/// The system's random number generator.
public struct SystemEvaluationRandomness: EvaluationRandomness {
    /// Creates the system source.
    public init() {}

    public func next(below upperBound: Int) -> Int { Int.random(in: 0..<upperBound) }
}
