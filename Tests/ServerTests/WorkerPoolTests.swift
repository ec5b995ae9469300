import Foundation
import NIOPosix
import Server
import Testing

/// The worker pool keeps request work off the event loops, refuses at once when full and cancels work at its
/// deadline.
@Suite struct WorkerPoolTests {
    static let loop = MultiThreadedEventLoopGroup.singleton.any()

    /// The current thread's name (read outside an async context).
    static func threadName() -> String { Thread.current.name ?? "" }

    @Test func workRunsOnTheWorkersNotTheCaller() async throws {
        let pool = WorkerPool(workers: 2, capacity: 8)
        pool.start()
        let worker = try await pool.run(deadline: .seconds(5), on: Self.loop) { Self.threadName() }
        #expect(worker.hasPrefix("TP-"), "NIOThreadPool names its threads TP-#n, got \(worker)")
        #expect(pool.load == 0)
        try await pool.shutdown()
    }

    @Test func aFullPoolRefusesAtOnce() async throws {
        let pool = WorkerPool(workers: 1, capacity: 2)
        pool.start()
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let holders = (0..<2).map { _ in
            Task {
                try await pool.run(deadline: .seconds(30), on: Self.loop) {
                    startedContinuation.yield()
                    for await _ in release.stream {}
                }
            }
        }
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        while pool.load < 2 { await Task.yield() }
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: WorkerPool.Refusal.self) {
            try await pool.run(deadline: .seconds(30), on: Self.loop) { 1 }
        }
        #expect(clock.now - start < .milliseconds(500), "a refusal does not wait")
        release.continuation.finish()
        for holder in holders { try await holder.value }
        #expect(try await pool.run(deadline: .seconds(5), on: Self.loop) { 2 } == 2)
        try await pool.shutdown()
    }

    // The work never ends on its own: without the deadline the test hangs until the time limit fails it. (A wall-clock
    // bound measured here was flaky: under the full suite's load the cooperative pool resumes this test late.)
    @Test(.timeLimit(.minutes(1))) func workPastItsDeadlineIsCancelledAndReported() async throws {
        let pool = WorkerPool(workers: 1, capacity: 4)
        pool.start()
        do {
            _ = try await pool.run(deadline: .milliseconds(300), on: Self.loop) {
                while !Task.isCancelled { try await Task.sleep(for: .milliseconds(10)) }
                throw CancellationError()
            }
            Issue.record("expected the deadline to stop the work")
        } catch let refusal as WorkerPool.Refusal {
            guard case .deadlineExceeded = refusal else {
                Issue.record("expected deadlineExceeded, got \(refusal)")
                return
            }
        }
        #expect(pool.load == 0)
        try await pool.shutdown()
    }
}
