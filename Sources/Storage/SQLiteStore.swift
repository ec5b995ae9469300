public import Foundation
public import Logging
import SQLiteNIO

/// The embedded store: one SQLite file in WAL mode.
///
/// One connection serves every request; an ``AsyncLock`` runs one operation or transaction at a time, so a
/// statement can never land inside another caller's transaction. `synchronous=NORMAL` in WAL mode keeps every
/// committed transaction across a process crash (SIGKILL); `--sqlite-synchronous full` adds power-loss safety.
public final class SQLiteStore: AssayStore {
    let connection: SQLiteConnection
    let lock = AsyncLock()
    /// The file path.
    public let path: String

    init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
    }

    /// Opens (creating if needed) the database file and sets WAL mode.
    public static func open(path: String, fullSync: Bool = false, logger: Logger = Logger(label: "assay.sqlite"))
        async throws -> SQLiteStore
    {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw StoreError.unavailable("cannot open SQLite database \(path): \(error)")
        }
        let store = SQLiteStore(connection: connection, path: path)
        for pragma in [
            "PRAGMA journal_mode = WAL", "PRAGMA synchronous = \(fullSync ? "FULL" : "NORMAL")",
            "PRAGMA busy_timeout = 5000", "PRAGMA foreign_keys = ON",
        ] {
            _ = try await store.execute(pragma)
        }
        return store
    }

    /// Runs one statement without taking the lock (callers hold it).
    func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        do {
            return try await connection.query(sql, binds)
        } catch {
            throw StoreError.queryFailed("\(error)")
        }
    }

    /// Runs one statement under the lock.
    func run(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        try await lock.withLock { try await self.execute(sql, binds) }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction under the lock; rolls back if it throws.
    func transaction<T: Sendable>(_ body: @Sendable @escaping () async throws -> T) async throws -> T {
        try await lock.withLock {
            _ = try await self.execute("BEGIN IMMEDIATE")
            do {
                let result = try await body()
                _ = try await self.execute("COMMIT")
                return result
            } catch {
                _ = try? await self.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func migrate() async throws {
        try await transaction {
            _ = try await self.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
            let current = try await self.execute("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
                .first?.column("v")?.integer ?? 0
            let supported = SQLiteSchema.migrations.count
            guard current <= supported else { throw StoreError.schemaTooNew(found: Int(current), supported: supported) }
            for index in Int(current)..<supported {
                for statement in SQLiteSchema.migrations[index] { _ = try await self.execute(statement) }
                _ = try await self.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    [.integer(index + 1), .integer(Int(Milliseconds.from(Date())))])
            }
        }
    }

    public func insertNonce(_ value: String, expiresAt: Date) async throws {
        _ = try await run(
            "INSERT INTO nonces (value, expires_at) VALUES (?, ?)",
            [.text(value), .integer(Int(Milliseconds.from(expiresAt)))])
    }

    public func consumeNonce(_ value: String, at instant: Date) async throws -> NonceStatus {
        let rows = try await run("DELETE FROM nonces WHERE value = ? RETURNING expires_at", [.text(value)])
        guard let expiry = rows.first?.column("expires_at")?.integer else { return .unknown }
        return Int64(expiry) >= Milliseconds.from(instant) ? .consumed : .expired
    }

    public func deleteExpiredNonces(before instant: Date) async throws -> Int {
        try await run(
            "DELETE FROM nonces WHERE expires_at < ? RETURNING value", [.integer(Int(Milliseconds.from(instant)))]
        ).count
    }

    public func putPolicy(id: String, text: String, sha256: String, at instant: Date) async throws -> PolicyRecord {
        try await transaction {
            let previous = try await self.execute("SELECT version FROM policies WHERE id = ?", [.text(id)])
            let version = (previous.first?.column("version")?.integer ?? 0) + 1
            let at = Int(Milliseconds.from(instant))
            _ = try await self.execute(
                """
                INSERT INTO policies (id, version, text, sha256, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, text = excluded.text,
                    sha256 = excluded.sha256, updated_at = excluded.updated_at
                """, [.text(id), .integer(version), .text(text), .text(sha256), .integer(at)])
            _ = try await self.execute(
                "INSERT INTO policy_versions (id, version, text, sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                [.text(id), .integer(version), .text(text), .text(sha256), .integer(at)])
            return PolicyRecord(id: id, version: Int(version), text: text, sha256: sha256, updatedAt: instant)
        }
    }

    public func policy(id: String) async throws -> PolicyRecord? {
        try await run("SELECT id, version, text, sha256, updated_at FROM policies WHERE id = ?", [.text(id)])
            .first.map(Self.policy)
    }

    public func policies() async throws -> [PolicyRecord] {
        try await run("SELECT id, version, text, sha256, updated_at FROM policies ORDER BY id").map(Self.policy)
    }

    public func deletePolicy(id: String) async throws -> Bool {
        try await transaction {
            _ = try await self.execute("DELETE FROM policy_versions WHERE id = ?", [.text(id)])
            return try await !self.execute("DELETE FROM policies WHERE id = ? RETURNING id", [.text(id)]).isEmpty
        }
    }

    public func addReferenceValues(_ entries: [(tee: String, document: String)], at instant: Date) async throws
        -> [ReferenceValueRecord]
    {
        let records = entries.map {
            ReferenceValueRecord(id: UUID().uuidString.lowercased(), tee: $0.tee, document: $0.document, createdAt: instant)
        }
        return try await transaction {
            for record in records {
                _ = try await self.execute(
                    "INSERT INTO reference_values (id, tee, document, created_at) VALUES (?, ?, ?, ?)",
                    [.text(record.id), .text(record.tee), .text(record.document),
                     .integer(Int(Milliseconds.from(record.createdAt)))])
            }
            return records
        }
    }

    public func referenceValues() async throws -> [ReferenceValueRecord] {
        try await run("SELECT id, tee, document, created_at FROM reference_values ORDER BY created_at, id").map { row in
            ReferenceValueRecord(
                id: row.column("id")?.string ?? "", tee: row.column("tee")?.string ?? "",
                document: row.column("document")?.string ?? "",
                createdAt: Milliseconds.date(Int64(row.column("created_at")?.integer ?? 0)))
        }
    }

    public func deleteReferenceValue(id: String) async throws -> Bool {
        try await !run("DELETE FROM reference_values WHERE id = ? RETURNING id", [.text(id)]).isEmpty
    }

    public func signingKeys() async throws -> [SigningKeyRecord] {
        try await run(
            "SELECT kid, sealed_private_key, public_jwk, created_at, retired_at FROM signing_keys ORDER BY created_at DESC"
        ).map { row in
            SigningKeyRecord(
                kid: row.column("kid")?.string ?? "", sealedPrivateKey: row.column("sealed_private_key")?.string ?? "",
                publicJWK: row.column("public_jwk")?.string ?? "",
                createdAt: Milliseconds.date(Int64(row.column("created_at")?.integer ?? 0)),
                retiredAt: row.column("retired_at")?.integer.map { Milliseconds.date(Int64($0)) })
        }
    }

    public func activateSigningKey(_ key: SigningKeyRecord, at instant: Date, onlyIfNone: Bool) async throws -> Bool {
        try await transaction {
            let active = try await self.execute("SELECT kid FROM signing_keys WHERE retired_at IS NULL")
            if onlyIfNone, !active.isEmpty { return false }
            _ = try await self.execute(
                "UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL",
                [.integer(Int(Milliseconds.from(instant)))])
            _ = try await self.execute(
                "INSERT INTO signing_keys (kid, sealed_private_key, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, NULL)",
                [.text(key.kid), .text(key.sealedPrivateKey), .text(key.publicJWK),
                 .integer(Int(Milliseconds.from(key.createdAt)))])
            return true
        }
    }

    public func appendAudit(_ record: AuditRecord) async throws -> AuditRecord {
        let rows = try await run(
            """
            INSERT INTO audit (at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [.integer(Int(Milliseconds.from(record.at))), .text(record.kind), .text(record.client), .text(record.tee),
             record.nonce.map(SQLiteData.text) ?? .null, .text(record.outcome), .text(record.claimsSHA256),
             .text(record.policyID), .text(record.policySHA256), .text(record.detail)])
        guard let id = rows.first?.column("id")?.integer else { throw StoreError.corrupt("audit insert returned no id") }
        return record.with(id: Int64(id))
    }

    public func auditRecords(after: Int64, limit: Int) async throws -> [AuditRecord] {
        try await run(
            """
            SELECT id, at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail
            FROM audit WHERE id > ? ORDER BY id LIMIT ?
            """, [.integer(Int(after)), .integer(limit)]
        ).map { row in
            AuditRecord(
                id: Int64(row.column("id")?.integer ?? 0), at: Milliseconds.date(Int64(row.column("at")?.integer ?? 0)),
                kind: row.column("kind")?.string ?? "", client: row.column("client")?.string ?? "",
                tee: row.column("tee")?.string ?? "", nonce: row.column("nonce")?.string,
                outcome: row.column("outcome")?.string ?? "", claimsSHA256: row.column("claims_sha256")?.string ?? "",
                policyID: row.column("policy_id")?.string ?? "", policySHA256: row.column("policy_sha256")?.string ?? "",
                detail: row.column("detail")?.string ?? "")
        }
    }

    public func close() async throws {
        try await connection.close()
    }

    static func policy(_ row: SQLiteRow) -> PolicyRecord {
        PolicyRecord(
            id: row.column("id")?.string ?? "", version: Int(row.column("version")?.integer ?? 0),
            text: row.column("text")?.string ?? "", sha256: row.column("sha256")?.string ?? "",
            updatedAt: Milliseconds.date(Int64(row.column("updated_at")?.integer ?? 0)))
    }
}
