import Foundation
public import NIOCore
import NIOPosix
import Storage
import Synchronization

/// The threads that verify, appraise, seal and commit, so that the network event loops only read and write
/// sockets: one slow request can delay only the work queued behind it, never every connection of a loop.
///
/// Admission is bounded: at most ``capacity`` requests are queued for or running on the workers; beyond that a
/// request is refused at once (503 with `Retry-After`) instead of waiting in an unbounded queue. Every admitted
/// request has a deadline counted from its admission: its task is cancelled when it passes, which chain building
/// and policy evaluation notice and stop at.
public final class WorkerPool: TaskExecutor, Sendable {
    /// Most requests admitted at once.
    public let capacity: Int
    let threads: NIOThreadPool
    private let admitted = Atomic<Int>(0)

    /// A pool of `workers` threads admitting at most `capacity` requests; ``start()`` it before use.
    public init(workers: Int, capacity: Int) {
        threads = NIOThreadPool(numberOfThreads: max(1, workers))
        self.capacity = max(1, capacity)
    }

    /// Starts the threads.
    public func start() {
        threads.start()
    }

    /// Stops the threads once the queued work has run.
    public func shutdown() async throws {
        try await threads.shutdownGracefully()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // A job submitted after shutdown runs on the submitting thread: a task must never be dropped.
        threads.submit { _ in job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Why admitted work did not complete.
    public enum Refusal: Error, Sendable {
        /// ``capacity`` requests were already admitted.
        case overloaded
        /// The deadline passed and the work was cancelled.
        case deadlineExceeded
    }

    /// Runs `work` on the workers, cancelling it once `deadline` has passed since admission (scheduled on
    /// `eventLoop`); throws ``Refusal`` when the pool is full or the deadline passed.
    public func run<T: Sendable>(
        deadline: Duration, on eventLoop: any EventLoop, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard admitted.wrappingAdd(1, ordering: .relaxed).newValue <= capacity else {
            admitted.wrappingSubtract(1, ordering: .relaxed)
            throw Refusal.overloaded
        }
        defer { admitted.wrappingSubtract(1, ordering: .relaxed) }
        let task = Task(executorPreference: self) { try await CommitBatching.$leaderYields.withValue(false) { try await work() } }
        let expired = Expiry()
        let (seconds, attoseconds) = deadline.components
        let timer = eventLoop.scheduleTask(in: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) {
            expired.flag.store(true, ordering: .releasing)
            task.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        } catch where expired.flag.load(ordering: .acquiring) {
            throw Refusal.deadlineExceeded
        }
    }

    /// How many requests are admitted now.
    public var load: Int { admitted.load(ordering: .relaxed) }

    /// Set once a deadline passed.
    final class Expiry: Sendable {
        let flag = Atomic(false)
    }
}
