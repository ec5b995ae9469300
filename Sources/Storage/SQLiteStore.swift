public import Foundation

/// The embedded store: one SQLite file in WAL mode, one connection whose jobs commit in groups (``SQLiteExecutor``),
/// and WAL checkpoints on a connection of their own (``SQLiteCheckpointer``).
///
/// `synchronous=NORMAL` in WAL mode keeps every committed transaction across a process crash (SIGKILL);
/// `--sqlite-synchronous full` adds power-loss safety at the cost of an fsync per commit.
public final class SQLiteStore: AssayStore {
    let executor: SQLiteExecutor
    /// The file path.
    public let path: String

    init(executor: SQLiteExecutor, path: String) {
        self.executor = executor
        self.path = path
    }

    /// Opens (creating if needed) the database file and sets WAL mode.
    public static func open(path: String, fullSync: Bool = false) async throws -> SQLiteStore {
        let executor = try SQLiteExecutor(path: path) { connection in
            try connection.execute("PRAGMA busy_timeout = 2000")
            _ = try connection.query("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA synchronous = \(fullSync ? "FULL" : "NORMAL")")
            try connection.execute("PRAGMA foreign_keys = ON")
        }
        return SQLiteStore(executor: executor, path: path)
    }

    func run<T: Sendable>(_ job: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await executor.run(job)
    }

    public func migrate() async throws {
        try await run { connection in
            try connection.transaction {
                try connection.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
                let current = Int(try connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
                    .first?.first?.integer ?? 0)
                let supported = SQLiteSchema.migrations.count
                guard current <= supported else { throw StoreError.schemaTooNew(found: current, supported: supported) }
                for index in current..<supported {
                    for statement in SQLiteSchema.migrations[index] { try connection.execute(statement) }
                    _ = try connection.query(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        [.integer(Int64(index + 1)), .integer(Milliseconds.from(Date()))])
                }
            }
        }
    }

    public func insertNonce(_ value: String, expiresAt: Date) async throws {
        _ = try await run { connection in
            try connection.query(
                "INSERT INTO nonces (value, expires_at) VALUES (?, ?)", [.text(value), .integer(Milliseconds.from(expiresAt))])
        }
    }

    public func consumeNonce(_ value: String, at instant: Date) async throws -> NonceStatus {
        let rows = try await run { connection in
            try connection.query("DELETE FROM nonces WHERE value = ? RETURNING expires_at", [.text(value)])
        }
        guard let expiry = rows.first?.first?.integer else { return .unknown }
        return expiry >= Milliseconds.from(instant) ? .consumed : .expired
    }

    public func deleteExpiredNonces(before instant: Date) async throws -> Int {
        try await run { connection in
            try connection.query(
                "DELETE FROM nonces WHERE expires_at < ? RETURNING value", [.integer(Milliseconds.from(instant))]
            ).count
        }
    }

    public func putPolicy(id: String, text: String, sha256: String, at instant: Date) async throws -> PolicyRecord {
        try await run { connection in
            try connection.transaction {
                let previous = try connection.query("SELECT version FROM policies WHERE id = ?", [.text(id)])
                let version = (previous.first?.first?.integer ?? 0) + 1
                let at = Milliseconds.from(instant)
                _ = try connection.query(
                    """
                    INSERT INTO policies (id, version, text, sha256, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version, text = excluded.text,
                        sha256 = excluded.sha256, updated_at = excluded.updated_at
                    """, [.text(id), .integer(version), .text(text), .text(sha256), .integer(at)])
                _ = try connection.query(
                    "INSERT INTO policy_versions (id, version, text, sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                    [.text(id), .integer(version), .text(text), .text(sha256), .integer(at)])
                return PolicyRecord(id: id, version: Int(version), text: text, sha256: sha256, updatedAt: instant)
            }
        }
    }

    public func policy(id: String) async throws -> PolicyRecord? {
        try await run { connection in
            try connection.query("SELECT id, version, text, sha256, updated_at FROM policies WHERE id = ?", [.text(id)])
                .first.map(Self.policy)
        }
    }

    public func policies() async throws -> [PolicyRecord] {
        try await run { connection in
            try connection.query("SELECT id, version, text, sha256, updated_at FROM policies ORDER BY id").map(Self.policy)
        }
    }

    public func deletePolicy(id: String) async throws -> Bool {
        try await run { connection in
            try connection.transaction {
                _ = try connection.query("DELETE FROM policy_versions WHERE id = ?", [.text(id)])
                return try !connection.query("DELETE FROM policies WHERE id = ? RETURNING id", [.text(id)]).isEmpty
            }
        }
    }

    public func addReferenceValues(_ entries: [(tee: String, document: String)], at instant: Date) async throws
        -> [ReferenceValueRecord]
    {
        let records = entries.map {
            ReferenceValueRecord(id: UUID().uuidString.lowercased(), tee: $0.tee, document: $0.document, createdAt: instant)
        }
        return try await run { connection in
            try connection.transaction {
                for record in records {
                    _ = try connection.query(
                        "INSERT INTO reference_values (id, tee, document, created_at) VALUES (?, ?, ?, ?)",
                        [.text(record.id), .text(record.tee), .text(record.document),
                         .integer(Milliseconds.from(record.createdAt))])
                }
                return records
            }
        }
    }

    public func referenceValues() async throws -> [ReferenceValueRecord] {
        try await run { connection in
            try connection.query("SELECT id, tee, document, created_at FROM reference_values ORDER BY created_at, id").map { row in
                ReferenceValueRecord(
                    id: try Self.text(row, 0), tee: try Self.text(row, 1), document: try Self.text(row, 2),
                    createdAt: Milliseconds.date(try Self.integer(row, 3)))
            }
        }
    }

    public func deleteReferenceValue(id: String) async throws -> Bool {
        try await run { connection in
            try !connection.query("DELETE FROM reference_values WHERE id = ? RETURNING id", [.text(id)]).isEmpty
        }
    }

    public func signingKeys() async throws -> [SigningKeyRecord] {
        try await run { connection in
            try connection.query(
                "SELECT kid, sealed_private_key, public_jwk, created_at, retired_at FROM signing_keys ORDER BY created_at DESC"
            ).map { row in
                SigningKeyRecord(
                    kid: try Self.text(row, 0), sealedPrivateKey: try Self.text(row, 1), publicJWK: try Self.text(row, 2),
                    createdAt: Milliseconds.date(try Self.integer(row, 3)), retiredAt: Self.value(row, 4).integer.map(Milliseconds.date))
            }
        }
    }

    public func activateSigningKey(_ key: SigningKeyRecord, at instant: Date, onlyIfNone: Bool) async throws -> Bool {
        try await run { connection in
            try connection.transaction {
                let active = try connection.query("SELECT kid FROM signing_keys WHERE retired_at IS NULL")
                if onlyIfNone, !active.isEmpty { return false }
                _ = try connection.query(
                    "UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL", [.integer(Milliseconds.from(instant))])
                _ = try connection.query(
                    "INSERT INTO signing_keys (kid, sealed_private_key, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, NULL)",
                    [.text(key.kid), .text(key.sealedPrivateKey), .text(key.publicJWK), .integer(Milliseconds.from(key.createdAt))])
                return true
            }
        }
    }

    public func appendAudit(_ record: AuditRecord) async throws -> AuditRecord {
        try await run { connection in try Self.insertAudit(record, on: connection) }
    }

    /// Appends `record` to the audit log on `connection` (inside the caller's transaction, if any).
    static func insertAudit(_ record: AuditRecord, on connection: SQLiteConnection) throws -> AuditRecord {
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

    public func auditRecords(after: Int64, limit: Int) async throws -> [AuditRecord] {
        try await run { connection in
            try connection.query(
                """
                SELECT id, at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail
                FROM audit WHERE id > ? ORDER BY id LIMIT ?
                """, [.integer(after), .integer(Int64(limit))]
            ).map { row in
                AuditRecord(
                    id: try Self.integer(row, 0), at: Milliseconds.date(try Self.integer(row, 1)), kind: try Self.text(row, 2),
                    client: try Self.text(row, 3), tee: try Self.text(row, 4), nonce: Self.value(row, 5).text,
                    outcome: try Self.text(row, 6), claimsSHA256: try Self.text(row, 7), policyID: try Self.text(row, 8),
                    policySHA256: try Self.text(row, 9), detail: try Self.text(row, 10))
            }
        }
    }

    public func close() async throws {
        executor.stop()
    }

    static func policy(_ row: [SQLiteValue]) throws -> PolicyRecord {
        PolicyRecord(
            id: try text(row, 0), version: Int(try integer(row, 1)), text: try text(row, 2), sha256: try text(row, 3),
            updatedAt: Milliseconds.date(try integer(row, 4)))
    }

    static func value(_ row: [SQLiteValue], _ column: Int) -> SQLiteValue {
        column < row.count ? row[column] : .null
    }

    static func text(_ row: [SQLiteValue], _ column: Int) throws -> String {
        guard column < row.count, let value = row[column].text else {
            throw StoreError.corrupt("expected text in column \(column)")
        }
        return value
    }

    static func integer(_ row: [SQLiteValue], _ column: Int) throws -> Int64 {
        guard column < row.count, let value = row[column].integer else {
            throw StoreError.corrupt("expected an integer in column \(column)")
        }
        return value
    }
}
