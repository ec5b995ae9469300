import Foundation

/// Owns the SQLite connection and runs database work on it one job at a time, on the caller's thread.
///
/// A job is synchronous and short (a statement or a transaction on a WAL database, microseconds with
/// `synchronous=NORMAL`), so running it under a lock on the calling task costs less than handing it to another
/// thread and back; one job at a time means a transaction is one job and nothing interleaves with it. Another
/// process holding the write lock makes a job wait up to the busy timeout.
final class SQLiteExecutor: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: SQLiteConnection?

    /// Opens the connection and prepares it with `setup`.
    init(path: String, setup: (SQLiteConnection) throws -> Void) throws {
        let connection = try SQLiteConnection(path: path)
        try setup(connection)
        self.connection = connection
    }

    /// Runs `job` holding the connection.
    func run<T>(_ job: (SQLiteConnection) throws -> T) async throws -> T {
        try lock.withLock {
            guard let connection else { throw StoreError.unavailable("the SQLite store is closed") }
            return try job(connection)
        }
    }

    /// Closes the connection; later jobs fail.
    func stop() {
        lock.withLock { connection = nil }
    }
}
