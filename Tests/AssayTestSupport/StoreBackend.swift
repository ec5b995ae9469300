public import Foundation
import Logging
public import Storage
public import Testing

/// The backends the shared store suites run against: SQLite always, PostgreSQL when `ASSAY_TEST_POSTGRES_URL` is
/// set (scripts/test.sh starts one); without it the PostgreSQL case is reported skipped, and in CI it fails.
public enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    /// Runs `body` with a fresh store of this backend (a new file or a new database), migrated with `plugins`.
    public func withStore(plugins: [PluginSchema] = [], _ body: @Sendable (Store) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
            let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
            try await store.migrate(plugins: plugins)
            try await store.withRunning(body)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres:
            try await PostgresScratch.withDatabase { settings in
                let store = try await Store.open(.postgres(settings), logger: Logger(label: "test"))
                try await store.withRunning { store in
                    try await store.migrate(plugins: plugins)
                    try await body(store)
                }
            }
        }
    }
}

/// A row tagger for store tests: deterministic, no key (the store only stores what it is given).
public struct TestRowTagger: RowTagger {
    public init() {}

    public func tag(_ content: RowContent) -> String {
        "tag-\(content.table)-\(content.key)-\(content.version)-\(content.canonicalBytes.count)"
    }
}

/// An audit record for store tests.
public func testAudit(_ kind: String, outcome: String = "done", at instant: Date = Date(timeIntervalSince1970: 1_800_000_000))
    -> AuditRecord
{
    AuditRecord(
        at: instant, kind: kind, client: "c", tee: "", nonce: nil, outcome: outcome, claimsSHA256: "", policyID: "",
        policySHA256: "", detail: "{}")
}
