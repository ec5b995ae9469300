/// One unit of database work queued on an ``SQLiteExecutor``, and the caller waiting for the commit that holds it.
protocol SQLiteJob: AnyObject, Sendable {
    /// Whether the job threw (its changes are rolled back).
    var failed: Bool { get }
    /// Runs the job inside the leader's transaction, in a savepoint of its own when it shares the transaction.
    func perform(on connection: SQLiteConnection, savepoint: Bool)
    /// Resumes the caller once the transaction ended: with the job's outcome, or with the error that stopped the
    /// commit.
    func finish(commitError: (any Error)?)
}

/// A job returning `T` to a suspended caller. Only the executor's current leader touches it between `perform`
/// and `finish`.
final class PendingSQLiteJob<T: Sendable>: SQLiteJob, @unchecked Sendable {
    private let job: @Sendable (SQLiteConnection) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error>?

    init(_ job: @escaping @Sendable (SQLiteConnection) throws -> T, _ continuation: CheckedContinuation<T, any Error>) {
        self.job = job
        self.continuation = continuation
    }

    var failed: Bool {
        if case .failure? = outcome { return true }
        return false
    }

    func perform(on connection: SQLiteConnection, savepoint: Bool) {
        guard savepoint else {
            outcome = Result { try job(connection) }
            return
        }
        do {
            try connection.run("SAVEPOINT job")
        } catch {
            outcome = .failure(error)
            return
        }
        do {
            outcome = .success(try job(connection))
            try connection.run("RELEASE job")
        } catch {
            outcome = .failure(error)
            try? connection.run("ROLLBACK TO job")
            try? connection.run("RELEASE job")
        }
    }

    func finish(commitError: (any Error)?) {
        if let commitError {
            continuation.resume(throwing: commitError)
        } else {
            continuation.resume(with: outcome ?? .failure(StoreError.unavailable("the SQLite job did not run")))
        }
    }
}
