import Foundation
import PostgresNIO
public import Storage

/// Creates and drops a scratch database per test on the server named by a URL.
public enum PostgresScratch {
    public static func withDatabase(url: String, _ body: (DatabaseLocation) async throws -> Void) async throws {
        guard case .postgres(let settings) = try DatabaseLocation(parsing: url) else { return }
        let (host, port, user, password, database) = (settings.host, settings.port, settings.user, settings.password, settings.database)
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = PostgresClient(
            configuration: .init(host: host, port: port, username: user, password: password, database: database, tls: .disable))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            do {
                try await body(
                    .postgres(PostgresConnectionSettings(host: host, port: port, user: user, password: password, database: name, tls: .disable)))
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
}
