import AttestationCore
import Foundation

/// A set of timed operations for `assay bench`: the first case is the baseline the others are compared with.
public struct BenchmarkSuite {
    /// One timed operation.
    public struct Case {
        public let name: String
        public let operation: () async throws -> Void
    }

    /// The suite's name (`assay bench --suite`).
    public let name: String
    /// What it measures, for the report's heading.
    public let summary: String
    /// The cases, baseline first.
    public let cases: [Case]

    /// Runs the cases for `seconds` each on the calling task (one core) and returns operations per second.
    ///
    /// The cases take turns in `rounds` short slices rather than one after another, so each sees the same machine
    /// load and frequency and the ratios to the baseline stay meaningful on a shared machine.
    public func run(seconds: Double, warmup: Double = 0.5, rounds: Int = 20) async throws -> [(name: String, rate: Double)] {
        for benchmark in cases { _ = try await Self.measure(benchmark.operation, seconds: warmup) }
        var counts = [Int](repeating: 0, count: cases.count)
        var elapsed = [Double](repeating: 0, count: cases.count)
        for _ in 0..<rounds {
            for (index, benchmark) in cases.enumerated() {
                let slice = try await Self.measure(benchmark.operation, seconds: seconds / Double(rounds))
                counts[index] += slice.count
                elapsed[index] += slice.seconds
            }
        }
        return cases.indices.map { (cases[$0].name, Double(counts[$0]) / elapsed[$0]) }
    }

    /// Runs `operation` in batches of 16 until `seconds` have passed; returns how many ran and how long it took.
    static func measure(_ operation: () async throws -> Void, seconds: Double) async throws -> (count: Int, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        var count = 0
        repeat {
            for _ in 0..<16 { try await operation() }
            count += 16
        } while clock.now < deadline
        let elapsed = start.duration(to: clock.now)
        return (count, elapsed.inSeconds)
    }
}
