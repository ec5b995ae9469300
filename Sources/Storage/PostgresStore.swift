import Foundation
public import Logging
import NIOSSL
public import PostgresNIO

/// The scale-out store: PostgreSQL shared by any number of `assay serve` replicas.
///
/// Atomicity across replicas comes from the database: nonces are consumed with `DELETE … RETURNING`, migrations
/// and policy versions are serialised by locks, and a partial unique index allows one active signing key.
public final class PostgresStore: Sendable {
    /// The connection pool (for plug-in stores).
    public let client: PostgresClient
    /// The logger queries report to.
    public let logger: Logger

    /// Creates a store for a server; ``run()`` its connection pool before using it.
    public init(_ settings: PostgresConnectionSettings, logger: Logger = Logger(label: "assay.postgres")) throws {
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: try Self.tls(settings))
        configuration.options.maximumConnections = 16
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// The TLS configuration for `sslmode` (libpq's meaning of each mode).
    static func tls(_ settings: PostgresConnectionSettings) throws -> PostgresClient.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = settings.rootCertificatePath {
            do { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path)) } catch {
                throw StoreError.unavailable("cannot read sslrootcert \(path): \(error)")
            }
        }
        switch settings.tls {
        case .disable: return .disable
        case .prefer:
            tls.certificateVerification = .none
            return .prefer(tls)
        case .require:
            tls.certificateVerification = .none
            return .require(tls)
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            return .require(tls)
        }
    }

    /// Runs the connection pool until cancelled.
    func run() async {
        await client.run()
    }

    /// Runs `body`, turning PostgresNIO's errors into ``StoreError``s.
    @discardableResult
    public func wrap<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as StoreError { throw error } catch let error as PSQLError {
            throw StoreError.queryFailed(String(reflecting: error))
        } catch {
            throw StoreError.queryFailed("\(error)")
        }
    }

    /// Key for the advisory lock that serialises migrations across replicas starting together.
    static let migrationLockKey: Int64 = 0x6173_7361_795f_6d31

    /// Creates or upgrades the core schema, then each plug-in's, in one transaction under an advisory lock.
    func migrate(plugins: [PluginSchema]) async throws {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
                    logger: logger)
                let current = try await Self.integer(
                    "SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations", on: connection, logger: logger)
                let migrations = CoreSchema.migrations(for: .postgres)
                let supported = migrations.count
                guard current <= supported else { throw StoreError.schemaTooNew(found: current, supported: supported) }
                let now = Milliseconds.from(Date())
                for index in current..<supported {
                    for statement in migrations[index] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (\(index + 1), \(now))", logger: logger)
                }
                for plugin in plugins {
                    let applied = try await Self.integer(
                        "SELECT COALESCE(MAX(version), 0)::BIGINT FROM plugin_migrations WHERE plugin = \(plugin.name)",
                        on: connection, logger: logger)
                    let pluginMigrations = plugin.migrations(for: .postgres)
                    guard applied <= pluginMigrations.count else {
                        throw StoreError.schemaTooNew(found: applied, supported: pluginMigrations.count)
                    }
                    for index in applied..<pluginMigrations.count {
                        for statement in pluginMigrations[index] {
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await connection.query(
                            "INSERT INTO plugin_migrations (plugin, version, applied_at) VALUES (\(plugin.name), \(index + 1), \(now))",
                            logger: logger)
                    }
                }
            }
        }
    }

    static func integer(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        for try await value in try await connection.query(query, logger: logger).decode(Int64.self) { return Int(value) }
        return 0
    }

    /// Runs a `DELETE … RETURNING <one text column>` and counts the rows it removed.
    public func deletedCount(_ query: PostgresQuery) async throws -> Int {
        try await wrap {
            var count = 0
            for try await _ in try await client.query(query).decode(String.self) { count += 1 }
            return count
        }
    }

    /// Runs `query` (a `DELETE … RETURNING` of one row) and, when it removed a row, appends the audit record `audit`
    /// makes of it (decoded by `decode`) in the same transaction; nil when nothing matched.
    func deleteAudited<Record>(
        _ query: PostgresQuery, decode: @escaping @Sendable (PostgresRowSequence) async throws -> [Record],
        audit: @escaping @Sendable (Record) -> AuditRecord
    ) async throws -> AuditRecord? {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                guard let removed = try await decode(try await connection.query(query, logger: logger)).first else {
                    return nil
                }
                return try await Self.insertAudit(audit(removed), on: connection, logger: logger)
            }
        }
    }

    /// Appends `record` to the audit log on `connection` (inside the caller's transaction), for changes that must be
    /// audited in the same transaction (plug-ins too).
    public static func insertAudit(_ record: AuditRecord, on connection: PostgresConnection, logger: Logger) async throws
        -> AuditRecord
    {
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
}
