import Foundation
import PostgresNIO
public import Storage
public import Testing

/// Creates and drops a scratch database per test on the PostgreSQL server named by `ASSAY_TEST_POSTGRES_URL`.
public enum PostgresScratch {
    /// Runs `body` with a new database on the test server, dropped afterwards. Without a server URL the current
    /// test (or test case) is skipped with the reason, or fails under `CI=true` (see ``requireServerURL(sourceLocation:)``).
    public static func withDatabase(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: (PostgresConnectionSettings) async throws -> Void
    ) async throws {
        let url = try requireServerURL(sourceLocation: sourceLocation)
        let location = try DatabaseLocation(parsing: url)
        let settings = try #require(
            location.postgresSettings, "ASSAY_TEST_POSTGRES_URL is not a postgres:// URL: \(location)", sourceLocation: sourceLocation)
        let (host, port, user, password, database) = (settings.host, settings.port, settings.user, settings.password, settings.database)
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = PostgresClient(
            configuration: .init(host: host, port: port, username: user, password: password, database: database, tls: .disable))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            do {
                try await body(PostgresConnectionSettings(host: host, port: port, user: user, password: password, database: name, tls: .disable))
            } catch {
                _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
                group.cancelAll()
                throw error
            }
            try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            group.cancelAll()
        }
    }
}

extension PostgresScratch {
    /// The test server's URL from `ASSAY_TEST_POSTGRES_URL` (set by scripts/test.sh), if any.
    public static var serverURL: String? {
        ProcessInfo.processInfo.environment["ASSAY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether tests that need PostgreSQL run: when a server URL is set, and always in CI (where they then fail).
    public static var runnable: Bool { serverURL != nil || SharedVectors.isCI }

    /// Why a test that needs PostgreSQL did not run, and how to provide it.
    public static let missingReason =
        "ASSAY_TEST_POSTGRES_URL is not set; run with ASSAY_TEST_POSTGRES_URL=$(scripts/postgres-for-tests.sh) (CI=true makes this a failure)"

    /// The server URL. Without one the current test (or, in a test parameterised over backends, the current case)
    /// records a warning naming ``missingReason`` and is cancelled; under `CI=true` it fails instead. (A cancelled
    /// test case alone is reported as passed by `swift test`; the warning is what makes it visible.)
    public static func requireServerURL(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        if let serverURL { return serverURL }
        if !SharedVectors.isCI {
            Issue.record(Comment(rawValue: "PostgreSQL not tested: " + missingReason), severity: .warning, sourceLocation: sourceLocation)
            try Test.cancel(Comment(rawValue: missingReason), sourceLocation: sourceLocation)
        }
        return try #require(serverURL, Comment(rawValue: missingReason), sourceLocation: sourceLocation)
    }
}

extension PostgresConnectionSettings {
    /// The `postgres://` URL of this scratch database as `assay serve --database` takes it (trust auth, no TLS).
    public var scratchURL: String { "postgres://\(user)@\(host):\(port)/\(database)?sslmode=disable" }
}

extension DatabaseLocation {
    /// The PostgreSQL settings, if this is a PostgreSQL location.
    fileprivate var postgresSettings: PostgresConnectionSettings? {
        if case .postgres(let settings) = self { settings } else { nil }
    }
}
