public import Foundation

/// The embedded store: one SQLite file in WAL mode, one connection whose jobs commit in groups (``SQLiteExecutor``),
/// and WAL checkpoints on a connection of their own (``SQLiteCheckpointer``).
///
/// `synchronous=NORMAL` in WAL mode keeps every committed transaction across a process crash (SIGKILL);
/// `--sqlite-synchronous full` adds power-loss safety at the cost of an fsync per commit. The file and its WAL are
/// private to the service's user (mode 0600).
public final class SQLiteStore: Sendable {
    let executor: SQLiteExecutor
    /// The file path.
    public let path: String

    init(executor: SQLiteExecutor, path: String) {
        self.executor = executor
        self.path = path
    }

    /// Opens (creating if needed, mode 0600) the database file and sets WAL mode.
    public static func open(path: String, fullSync: Bool = false) async throws -> SQLiteStore {
        try SQLiteFile.prepare(path: path)
        let executor = try SQLiteExecutor(path: path) { connection in
            try connection.execute("PRAGMA busy_timeout = 2000")
            _ = try connection.query("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA synchronous = \(fullSync ? "FULL" : "NORMAL")")
            try connection.execute("PRAGMA foreign_keys = ON")
        }
        return SQLiteStore(executor: executor, path: path)
    }

    /// Runs `job` on the connection inside a transaction shared with concurrent jobs, each in a savepoint of its own;
    /// returns once that transaction committed. For plug-in stores: keep jobs short and synchronous.
    public func run<T: Sendable>(_ job: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await executor.run(job)
    }

    /// Creates or upgrades the core schema, then each plug-in's, in one transaction.
    func migrate(plugins: [PluginSchema]) async throws {
        try await run { connection in
            try connection.transaction {
                try connection.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
                let current = Int(try connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
                    .first?.first?.integer ?? 0)
                let migrations = CoreSchema.migrations(for: .sqlite)
                let supported = migrations.count
                guard current <= supported else { throw StoreError.schemaTooNew(found: current, supported: supported) }
                let now = Milliseconds.from(Date())
                for index in current..<supported {
                    for statement in migrations[index] { try connection.execute(statement) }
                    _ = try connection.query(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        [.integer(Int64(index + 1)), .integer(now)])
                }
                for plugin in plugins {
                    let applied = Int(try connection.query(
                        "SELECT COALESCE(MAX(version), 0) FROM plugin_migrations WHERE plugin = ?", [.text(plugin.name)]
                    ).first?.first?.integer ?? 0)
                    let pluginMigrations = plugin.migrations(for: .sqlite)
                    guard applied <= pluginMigrations.count else {
                        throw StoreError.schemaTooNew(found: applied, supported: pluginMigrations.count)
                    }
                    for index in applied..<pluginMigrations.count {
                        for statement in pluginMigrations[index] { try connection.execute(statement) }
                        _ = try connection.query(
                            "INSERT INTO plugin_migrations (plugin, version, applied_at) VALUES (?, ?, ?)",
                            [.text(plugin.name), .integer(Int64(index + 1)), .integer(now)])
                    }
                }
            }
        }
    }

    /// Closes the connection once the jobs already queued have committed; later jobs fail.
    func close() {
        executor.stop()
    }

    /// Appends `record` to the audit log on `connection` (inside the caller's transaction), for changes that must be
    /// audited in the same transaction (plug-ins too).
    public static func insertAudit(_ record: AuditRecord, on connection: SQLiteConnection) throws -> AuditRecord {
        let id = try connection.query(
            """
            INSERT INTO audit (at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [.integer(Milliseconds.from(record.at)), .text(record.kind), .text(record.client), .text(record.tee),
             record.nonce.map(SQLiteValue.text) ?? .null, .text(record.outcome), .text(record.claimsSHA256),
             .text(record.policyID), .text(record.policySHA256), .text(record.detail)]
        ).first?.first?.integer
        guard let id else { throw StoreError.corrupt("audit insert returned no id") }
        return record.with(id: id)
    }

    /// Runs `statement` (a `DELETE … RETURNING` of one row) and, when it removed a row, appends the audit record
    /// `audit` makes of it (decoded by `decode`) in the same transaction; nil when nothing matched.
    func deleteAudited<Record>(
        _ statement: String, _ binds: [SQLiteValue], decode: @escaping @Sendable ([SQLiteValue]) throws -> Record,
        audit: @escaping @Sendable (Record) -> AuditRecord
    ) async throws -> AuditRecord? {
        try await run { connection in
            try connection.transaction {
                guard let removed = try connection.query(statement, binds).first.map(decode) else { return nil }
                return try Self.insertAudit(audit(removed), on: connection)
            }
        }
    }

    /// The value in `column` of `row`, or NULL past its end.
    public static func value(_ row: [SQLiteValue], _ column: Int) -> SQLiteValue {
        column < row.count ? row[column] : .null
    }

    /// The text in `column`; throws ``StoreError/corrupt(_:)`` when it holds none.
    public static func text(_ row: [SQLiteValue], _ column: Int) throws -> String {
        guard column < row.count, let value = row[column].text else {
            throw StoreError.corrupt("expected text in column \(column)")
        }
        return value
    }

    /// The integer in `column`; throws ``StoreError/corrupt(_:)`` when it holds none.
    public static func integer(_ row: [SQLiteValue], _ column: Int) throws -> Int64 {
        guard column < row.count, let value = row[column].integer else {
            throw StoreError.corrupt("expected an integer in column \(column)")
        }
        return value
    }

    /// The instant stored (milliseconds) in `column`.
    public static func date(_ row: [SQLiteValue], _ column: Int) throws -> Date {
        Milliseconds.date(try integer(row, column))
    }

    /// The bind value of an instant.
    public static func bind(_ date: Date) -> SQLiteValue {
        .integer(Milliseconds.from(date))
    }
}
