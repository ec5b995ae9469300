import CSQLite

/// One SQLite connection with a cache of prepared statements. Not thread-safe: one thread at a time uses it (the
/// leader of ``SQLiteExecutor``, or the ``SQLiteCheckpointer``'s queue); plug-in stores get it inside
/// ``SQLiteStore/run(_:)`` jobs.
public final class SQLiteConnection {
    /// Most prepared statements kept (the store uses a fixed set of a few dozen).
    static let maxCachedStatements = 128
    /// WAL size, in frames, past which a commit asks for a checkpoint (SQLite's own auto-checkpoint default).
    static let checkpointThresholdFrames: Int32 = 1000

    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    /// Set by the WAL hook when a commit left the WAL past ``checkpointThresholdFrames``.
    private var checkpointRequested = false

    init(path: String) throws {
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(pointer)
            throw StoreError.unavailable("cannot open SQLite database \(path): \(message)")
        }
        handle = pointer
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs SQL that has no parameters and returns no rows (pragmas, DDL, BEGIN/COMMIT).
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw StoreError.queryFailed("\(text) (in: \(sql.prefix(80)))")
        }
    }

    /// Runs one statement with bound values and returns its rows, columns in select order.
    public func query(_ sql: String, _ binds: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, value) in binds.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, position)
            case .integer(let integer): status = sqlite3_bind_int64(statement, position, integer)
            case .real(let real): status = sqlite3_bind_double(statement, position, real)
            case .text(let text): status = sqlite3_bind_text(statement, position, text, -1, Self.transient)
            }
            guard status == SQLITE_OK else { throw error(sql) }
        }
        var rows: [[SQLiteValue]] = []
        let columns = sqlite3_column_count(statement)
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else { throw error(sql) }
            rows.append((0..<columns).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
                case SQLITE_NULL: return .null
                default:
                    guard let text = sqlite3_column_text(statement, column) else { return .null }
                    return .text(String(cString: text))
                }
            })
        }
    }

    /// Runs one parameterless statement through the statement cache, ignoring any rows.
    func run(_ sql: String) throws {
        _ = try query(sql)
    }

    /// Runs `body` as one unit inside the executor's transaction (a savepoint): if it throws, its changes are rolled
    /// back and the rest of the transaction stands.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try run("SAVEPOINT unit")
        do {
            let result = try body()
            try run("RELEASE unit")
            return result
        } catch {
            try? run("ROLLBACK TO unit")
            try? run("RELEASE unit")
            throw error
        }
    }

    /// Takes over WAL checkpoints from SQLite's auto-checkpoint, which runs them (and their fsyncs) inside a
    /// commit: after this, a commit that leaves the WAL past the threshold only raises ``takeCheckpointRequest()``.
    func requestCheckpointsInsteadOfRunningThem() {
        sqlite3_wal_hook(
            handle,
            { context, _, _, frames in
                if frames >= SQLiteConnection.checkpointThresholdFrames, let context {
                    Unmanaged<SQLiteConnection>.fromOpaque(context).takeUnretainedValue().checkpointRequested = true
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Whether a commit since the last call left the WAL past the checkpoint threshold.
    func takeCheckpointRequest() -> Bool {
        defer { checkpointRequested = false }
        return checkpointRequested
    }

    /// Copies committed WAL frames into the database file without waiting for readers or writers.
    func checkpoint() throws {
        var walFrames: Int32 = 0
        var copiedFrames: Int32 = 0
        guard sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &copiedFrames) == SQLITE_OK else {
            throw StoreError.queryFailed("WAL checkpoint: \(String(cString: sqlite3_errmsg(handle)))")
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else { throw error(sql) }
        if statements.count >= Self.maxCachedStatements {
            for cached in statements.values { sqlite3_finalize(cached) }
            statements.removeAll()
        }
        statements[sql] = statement
        return statement
    }

    private func error(_ sql: String) -> StoreError {
        .queryFailed("\(String(cString: sqlite3_errmsg(handle))) (in: \(sql.prefix(80)))")
    }

    /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
