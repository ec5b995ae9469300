import Foundation

/// A set of timed operations for `assay bench`: the first case is the baseline the others are compared with.
struct BenchmarkSuite {
    /// One timed operation.
    struct Case {
        let name: String
        let operation: () async throws -> Void
    }

    let name: String
    let summary: String
    let cases: [Case]

    /// Runs each case for `seconds` on the calling task (one core) and returns operations per second.
    func run(seconds: Double, warmup: Double = 0.5) async throws -> [(name: String, rate: Double)] {
        var results: [(String, Double)] = []
        for benchmark in cases {
            _ = try await Self.measure(benchmark.operation, seconds: warmup)
            results.append((benchmark.name, try await Self.measure(benchmark.operation, seconds: seconds)))
        }
        return results
    }

    static func measure(_ operation: () async throws -> Void, seconds: Double) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        var count = 0
        repeat {
            for _ in 0..<16 { try await operation() }
            count += 16
        } while clock.now < deadline
        let elapsed = start.duration(to: clock.now)
        let secondsElapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / secondsElapsed
    }
}
