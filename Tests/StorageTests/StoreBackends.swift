import AssayTestSupport
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage
import Testing

/// The backends the shared store suite runs against: SQLite always, PostgreSQL when
/// `ASSAY_TEST_POSTGRES_URL` is set (scripts/test.sh starts one; in CI a missing URL fails the suite).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, migrated store of this backend (a new file or a new database).
    func withStore(_ body: (any AssayStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
            let store = try await SQLiteStore.open(path: path)
            try await store.migrate()
            try await body(store)
            try await store.close()
        case .postgres:
            guard let url = PostgresScratch.serverURL else {
                if SharedVectors.isCI { Issue.record("ASSAY_TEST_POSTGRES_URL is not set; scripts/test.sh starts PostgreSQL") }
                return
            }
            try await PostgresScratch.withDatabase(url: url) { location in
                guard case .postgres(let host, let port, let user, let password, let database, let tls) = location else { return }
                let store = try PostgresStore(host: host, port: port, user: user, password: password, database: database, tls: tls)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await store.run() }
                    try await store.migrate()
                    try await body(store)
                    group.cancelAll()
                }
            }
        }
    }
}

