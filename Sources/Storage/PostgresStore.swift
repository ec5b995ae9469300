public import Foundation
public import Logging
import PostgresNIO
public import ServiceLifecycle

/// The scale-out store: PostgreSQL shared by any number of `assay serve` replicas.
///
/// Atomicity across replicas comes from the database: nonces are consumed with `DELETE … RETURNING`, migrations
/// run under an advisory lock, and a partial unique index allows one active signing key.
public final class PostgresStore: AssayStore, Service {
    let client: PostgresClient
    let logger: Logger

    /// Creates a store for a server; call ``run()`` (it is a Service) before using it.
    public init(host: String, port: Int, user: String, password: String?, database: String,
                tls: DatabaseLocation.TLSMode, logger: Logger = Logger(label: "assay.postgres")) throws {
        let mode: PostgresClient.Configuration.TLS
        switch tls {
        case .disable: mode = .disable
        case .prefer: mode = .prefer(.makeClientConfiguration())
        case .require: mode = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: mode)
        configuration.options.maximumConnections = 16
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the connection pool until cancelled (swift-service-lifecycle).
    public func run() async throws {
        await client.run()
    }

    @discardableResult
    func wrap<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as StoreError { throw error } catch let error as PSQLError {
            throw StoreError.queryFailed(String(reflecting: error))
        } catch {
            throw StoreError.queryFailed("\(error)")
        }
    }

    public func migrate() async throws {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
                    logger: logger)
                var current = 0
                for try await version in try await connection.query(
                    "SELECT COALESCE(MAX(version), 0)::INTEGER FROM schema_migrations", logger: logger
                ).decode(Int.self) {
                    current = version
                }
                let supported = PostgresSchema.migrations.count
                guard current <= supported else { throw StoreError.schemaTooNew(found: current, supported: supported) }
                for index in current..<supported {
                    for statement in PostgresSchema.migrations[index] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    let now = Milliseconds.from(Date())
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (\(index + 1), \(now))", logger: logger)
                }
            }
        }
    }

    public func insertNonce(_ value: String, expiresAt: Date) async throws {
        try await wrap {
            try await client.query("INSERT INTO nonces (value, expires_at) VALUES (\(value), \(Milliseconds.from(expiresAt)))")
        }
    }

    public func consumeNonce(_ value: String, at instant: Date) async throws -> NonceStatus {
        try await wrap {
            for try await expiry in try await client.query(
                "DELETE FROM nonces WHERE value = \(value) RETURNING expires_at"
            ).decode(Int64.self) {
                return expiry >= Milliseconds.from(instant) ? .consumed : .expired
            }
            return .unknown
        }
    }

    public func deleteExpiredNonces(before instant: Date) async throws -> Int {
        try await deletedCount("DELETE FROM nonces WHERE expires_at < \(Milliseconds.from(instant)) RETURNING value")
    }

    /// Runs a `DELETE … RETURNING <one text column>` and counts the rows it removed.
    func deletedCount(_ query: PostgresQuery) async throws -> Int {
        try await wrap {
            var count = 0
            for try await _ in try await client.query(query).decode(String.self) { count += 1 }
            return count
        }
    }

    public func putPolicy(id: String, text: String, sha256: String, at instant: Date) async throws -> PolicyRecord {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                let at = Milliseconds.from(instant)
                var version = 1
                for try await next in try await connection.query(
                    """
                    INSERT INTO policies (id, version, text, sha256, updated_at) VALUES (\(id), 1, \(text), \(sha256), \(at))
                    ON CONFLICT (id) DO UPDATE SET version = policies.version + 1, text = EXCLUDED.text,
                        sha256 = EXCLUDED.sha256, updated_at = EXCLUDED.updated_at
                    RETURNING version
                    """, logger: logger
                ).decode(Int.self) {
                    version = next
                }
                try await connection.query(
                    """
                    INSERT INTO policy_versions (id, version, text, sha256, created_at)
                    VALUES (\(id), \(version), \(text), \(sha256), \(at))
                    """, logger: logger)
                return PolicyRecord(id: id, version: version, text: text, sha256: sha256, updatedAt: instant)
            }
        }
    }

    public func policy(id: String) async throws -> PolicyRecord? {
        try await wrap {
            try await policies(where: "WHERE id = \(id)").first
        }
    }

    public func policies() async throws -> [PolicyRecord] {
        try await wrap { try await policies(where: "") }
    }

    func policies(where condition: PostgresQuery) async throws -> [PolicyRecord] {
        var query: PostgresQuery = "SELECT id, version, text, sha256, updated_at FROM policies "
        query.sql += condition.sql
        query.binds = condition.binds
        query.sql += " ORDER BY id"
        var records: [PolicyRecord] = []
        for try await (id, version, text, sha256, updatedAt) in try await client.query(query)
            .decode((String, Int, String, String, Int64).self)
        {
            records.append(PolicyRecord(id: id, version: version, text: text, sha256: sha256, updatedAt: Milliseconds.date(updatedAt)))
        }
        return records
    }

    public func deletePolicy(id: String) async throws -> Bool {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("DELETE FROM policy_versions WHERE id = \(id)", logger: logger)
                var deleted = false
                for try await _ in try await connection.query(
                    "DELETE FROM policies WHERE id = \(id) RETURNING id", logger: logger
                ).decode(String.self) {
                    deleted = true
                }
                return deleted
            }
        }
    }

    public func addReferenceValues(_ entries: [(tee: String, document: String)], at instant: Date) async throws
        -> [ReferenceValueRecord]
    {
        let records = entries.map {
            ReferenceValueRecord(id: UUID().uuidString.lowercased(), tee: $0.tee, document: $0.document, createdAt: instant)
        }
        return try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                for record in records {
                    try await connection.query(
                        """
                        INSERT INTO reference_values (id, tee, document, created_at)
                        VALUES (\(record.id), \(record.tee), \(record.document), \(Milliseconds.from(record.createdAt)))
                        """, logger: logger)
                }
                return records
            }
        }
    }

    public func referenceValues() async throws -> [ReferenceValueRecord] {
        try await wrap {
            var records: [ReferenceValueRecord] = []
            for try await (id, tee, document, createdAt) in try await client.query(
                "SELECT id, tee, document, created_at FROM reference_values ORDER BY created_at, id"
            ).decode((String, String, String, Int64).self) {
                records.append(ReferenceValueRecord(id: id, tee: tee, document: document, createdAt: Milliseconds.date(createdAt)))
            }
            return records
        }
    }

    public func deleteReferenceValue(id: String) async throws -> Bool {
        try await wrap {
            for try await _ in try await client.query("DELETE FROM reference_values WHERE id = \(id) RETURNING id")
                .decode(String.self)
            {
                return true
            }
            return false
        }
    }

    public func signingKeys() async throws -> [SigningKeyRecord] {
        try await wrap {
            var records: [SigningKeyRecord] = []
            for try await (kid, sealed, jwk, createdAt, retiredAt) in try await client.query(
                "SELECT kid, sealed_private_key, public_jwk, created_at, retired_at FROM signing_keys ORDER BY created_at DESC"
            ).decode((String, String, String, Int64, Int64?).self) {
                records.append(
                    SigningKeyRecord(
                        kid: kid, sealedPrivateKey: sealed, publicJWK: jwk, createdAt: Milliseconds.date(createdAt),
                        retiredAt: retiredAt.map(Milliseconds.date)))
            }
            return records
        }
    }

    public func activateSigningKey(_ key: SigningKeyRecord, at instant: Date, onlyIfNone: Bool) async throws -> Bool {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE", logger: logger)
                var hasActive = false
                for try await _ in try await connection.query(
                    "SELECT kid FROM signing_keys WHERE retired_at IS NULL", logger: logger
                ).decode(String.self) {
                    hasActive = true
                }
                if onlyIfNone, hasActive { return false }
                try await connection.query(
                    "UPDATE signing_keys SET retired_at = \(Milliseconds.from(instant)) WHERE retired_at IS NULL",
                    logger: logger)
                try await connection.query(
                    """
                    INSERT INTO signing_keys (kid, sealed_private_key, public_jwk, created_at, retired_at)
                    VALUES (\(key.kid), \(key.sealedPrivateKey), \(key.publicJWK), \(Milliseconds.from(key.createdAt)), NULL)
                    """, logger: logger)
                return true
            }
        }
    }

    public func appendAudit(_ record: AuditRecord) async throws -> AuditRecord {
        try await wrap {
            try await client.withConnection { connection in try await Self.insertAudit(record, on: connection, logger: logger) }
        }
    }

    /// Appends `record` to the audit log on `connection` (inside the caller's transaction, if any).
    static func insertAudit(_ record: AuditRecord, on connection: PostgresConnection, logger: Logger) async throws -> AuditRecord {
        for try await id in try await connection.query(
            """
            INSERT INTO audit (at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail)
            VALUES (\(Milliseconds.from(record.at)), \(record.kind), \(record.client), \(record.tee), \(record.nonce),
                \(record.outcome), \(record.claimsSHA256), \(record.policyID), \(record.policySHA256), \(record.detail))
            RETURNING id
            """, logger: logger
        ).decode(Int64.self) {
            return record.with(id: id)
        }
        throw StoreError.corrupt("audit insert returned no id")
    }

    public func auditRecords(after: Int64, limit: Int) async throws -> [AuditRecord] {
        try await wrap {
            var records: [AuditRecord] = []
            let rows = try await client.query(
                """
                SELECT id, at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail
                FROM audit WHERE id > \(after) ORDER BY id LIMIT \(limit)
                """)
            for try await row in rows {
                let (id, at, kind, client, tee, nonce, outcome, claims, policyID, policySHA, detail) = try row.decode(
                    (Int64, Int64, String, String, String, String?, String, String, String, String, String).self)
                records.append(
                    AuditRecord(
                        id: id, at: Milliseconds.date(at), kind: kind, client: client, tee: tee, nonce: nonce,
                        outcome: outcome, claimsSHA256: claims, policyID: policyID, policySHA256: policySHA, detail: detail))
            }
            return records
        }
    }

    public func close() async throws {}
}
