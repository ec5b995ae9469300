import Foundation
import Logging
import Storage
import Testing

/// The embedded store commits concurrent jobs in groups and checkpoints its WAL off the commit path; these tests
/// check that grouping changes nothing a caller can see.
@Suite("SQLite group commit")
struct SQLiteGroupCommitTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func withStore(_ body: (any AssayStore, String) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await store.migrate()
        try await body(store.core, path)
        store.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private func audit(_ index: Int) -> AuditRecord {
        AuditRecord(
            at: now, kind: "attest", client: "127.0.0.1", tee: "sample", nonce: "n\(index)", outcome: "affirming",
            claimsSHA256: String(repeating: "ab", count: 32), policyID: "p", policySHA256: String(repeating: "cd", count: 32),
            detail: #"{"reasons":[]}"#)
    }

    @Test("a job that fails in a shared transaction rolls back only itself")
    func failingJobsAreIsolated() async throws {
        try await withStore { store, _ in
            // 200 concurrent inserts of 100 distinct nonces: each value once succeeds, its duplicate fails alone.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        do {
                            try await store.insertNonce("nonce-\(index % 100)", expiresAt: now.addingTimeInterval(60))
                            return true
                        } catch let error as StoreError {
                            guard case .queryFailed(let message) = error else { throw error }
                            #expect(message.contains("UNIQUE"), "\(message)")
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 100)
            for index in 0..<100 {
                #expect(try await store.consumeNonce("nonce-\(index)", at: now) == .consumed)
            }
            #expect(try await store.consumeNonce("nonce-0", at: now) == .unknown)
        }
    }

    @Test("concurrent appends are all committed, in id order, each answered with its own id")
    func concurrentAppends() async throws {
        try await withStore { store, _ in
            let ids = try await withThrowingTaskGroup(of: (Int, Int64).self) { group in
                for index in 0..<500 { group.addTask { (index, try await store.appendAudit(audit(index)).id) } }
                return try await group.reduce(into: [Int: Int64]()) { $0[$1.0] = $1.1 }
            }
            #expect(Set(ids.values).count == 500)
            let stored = try await store.auditRecords(after: 0, limit: 1000)
            #expect(stored.count == 500)
            for record in stored { #expect(ids[Int(record.nonce?.dropFirst() ?? "") ?? -1] == record.id) }
        }
    }

    @Test("under steady writes the WAL is checkpointed and restarted instead of growing without bound")
    func walStaysBounded() async throws {
        try await withStore { store, path in
            // One after another, every append is a commit of its own that adds at least one 4 KiB frame: 4000 of them
            // leave a WAL of 16 MiB or more unless checkpoints catch up and the WAL restarts.
            for index in 0..<4000 { _ = try await store.appendAudit(audit(index)) }
            let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
            #expect(wal < 12 * 1024 * 1024, "WAL is \(wal) bytes")
            #expect(try await store.auditRecords(after: 3990, limit: 1000).count == 10)
        }
    }

    @Test("closing lets queued jobs finish; later ones fail with a clear error")
    func closing() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await store.migrate()
        _ = try await store.core.appendAudit(audit(1))
        store.close()
        do {
            _ = try await store.core.appendAudit(audit(2))
            Issue.record("expected the closed store to refuse")
        } catch let error as StoreError {
            guard case .unavailable(let message) = error else { throw error }
            #expect(message.contains("closed"))
        }
        let reopened = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
        #expect(try await reopened.core.auditRecords(after: 0, limit: 10).count == 1)
        reopened.close()
    }
}
