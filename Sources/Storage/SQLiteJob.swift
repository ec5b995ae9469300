/// One unit of database work queued on an ``SQLiteExecutor``, and the caller waiting for the commit that holds it.
protocol SQLiteJob: AnyObject, Sendable {
    /// Runs the job inside the leader's transaction, in a savepoint of its own: if it throws, only its changes are
    /// rolled back.
    func perform(on connection: SQLiteConnection)
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

    func perform(on connection: SQLiteConnection) {
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
