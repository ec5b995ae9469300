import Synchronization

/// Owns the SQLite connection and runs database work on it in group commits.
///
/// A job is synchronous and short (a statement or a few, microseconds on a WAL database with
/// `synchronous=NORMAL`). What costs is the commit: SQLite writes every page a transaction changed to the WAL, and
/// one request's insert and another's delete touch the same pages. So jobs that arrive while a commit is under way
/// queue up, and the caller that finds no commit under way becomes the leader: it runs everything queued in one
/// transaction, each job in a savepoint of its own (a job that throws rolls back only its own changes), commits,
/// and then resumes every caller. No caller is answered before the commit that holds its job, so every method of
/// the store still commits before it returns. The leader runs on the caller's thread: there is no database thread
/// to hop to and back, and a caller whose job is queued gives its thread back to other work instead of blocking on
/// a lock. Another process holding the write lock makes a commit wait up to the busy timeout.
final class SQLiteExecutor: Sendable {
    /// Most jobs one transaction holds; the leader commits the rest in the next one.
    static let maxJobsPerCommit = 64

    private struct Queue {
        var jobs: [any SQLiteJob] = []
        /// Whether a leader is draining the queue.
        var leading = false
        /// Set by ``stop()``: new jobs fail, and the connection closes once the queue is empty.
        var closed = false
    }

    private let queue = Mutex(Queue())
    /// The connection, touched only by the current leader (at most one at a time, by `Queue.leading`).
    private let slot: SQLiteConnectionSlot
    private let checkpointer: SQLiteCheckpointer

    /// Opens the connection, prepares it with `setup` and takes its WAL checkpoints off the commit path.
    init(path: String, setup: (SQLiteConnection) throws -> Void) throws {
        let connection = try SQLiteConnection(path: path)
        try setup(connection)
        connection.requestCheckpointsInsteadOfRunningThem()
        slot = SQLiteConnectionSlot(connection)
        checkpointer = try SQLiteCheckpointer(path: path)
    }

    /// Runs `job` on the connection inside a transaction and returns once that transaction has committed.
    func run<T: Sendable>(_ job: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        // A caller that finds no leader becomes one, then (on an event loop, see CommitBatching) first lets the work
        // already scheduled on its executor run (one yield, no timer): requests handled in the same turn submit
        // their jobs meanwhile and join this commit instead of each paying for one.
        let leader = queue.withLock { queue -> Bool in
            guard !queue.leading, !queue.closed else { return false }
            queue.leading = true
            return true
        }
        if leader, CommitBatching.leaderYields { await Task.yield() }
        return try await enqueue(job, leader: leader)
    }

    /// Queues `job` and waits for the commit that holds it; a `leader` drains the queue itself.
    private func enqueue<T: Sendable>(
        _ job: @escaping @Sendable (SQLiteConnection) throws -> T, leader: Bool
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending = PendingSQLiteJob(job, continuation)
            let queued = queue.withLock { queue -> Bool in
                // A leader's job was claimed before any close, so it runs; other jobs after a close fail.
                guard leader || !queue.closed else { return false }
                queue.jobs.append(pending)
                return true
            }
            if !queued {
                pending.finish(commitError: StoreError.unavailable("the SQLite store is closed"))
            } else if leader {
                drain()
            }
        }
    }

    /// Commits batches until the queue is empty, then steps down.
    private func drain() {
        while true {
            let (batch, closed) = queue.withLock { queue -> ([any SQLiteJob], Bool) in
                guard !queue.jobs.isEmpty else {
                    if queue.closed { slot.connection = nil }
                    queue.leading = false
                    return ([], queue.closed)
                }
                let count = min(queue.jobs.count, Self.maxJobsPerCommit)
                let batch = Array(queue.jobs.prefix(count))
                queue.jobs.removeFirst(count)
                return (batch, false)
            }
            if closed { checkpointer.stop() }
            if batch.isEmpty { return }
            commit(batch)
        }
    }

    private func commit(_ batch: [any SQLiteJob]) {
        guard let connection = slot.connection else {
            for job in batch { job.finish(commitError: StoreError.unavailable("the SQLite store is closed")) }
            return
        }
        if checkpointer.takeCatchUp() { try? connection.checkpoint() }
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            for job in batch { job.finish(commitError: error) }
            return
        }
        for job in batch { job.perform(on: connection) }
        do {
            try connection.run("COMMIT")
        } catch {
            try? connection.run("ROLLBACK")
            for job in batch { job.finish(commitError: error) }
            return
        }
        for job in batch { job.finish(commitError: nil) }
        if connection.takeCheckpointRequest() { checkpointer.request() }
    }

    /// Closes the connection once the jobs already queued have committed; later jobs fail.
    func stop() {
        let closeNow = queue.withLock { queue -> Bool in
            queue.closed = true
            guard !queue.leading else { return false }
            slot.connection = nil
            return true
        }
        if closeNow { checkpointer.stop() }
    }
}

/// The connection an executor's leader works on; `nil` once the store is closed.
final class SQLiteConnectionSlot: @unchecked Sendable {
    var connection: SQLiteConnection?

    init(_ connection: SQLiteConnection) { self.connection = connection }
}
