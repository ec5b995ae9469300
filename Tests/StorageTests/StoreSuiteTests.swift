import AssayTestSupport
import Foundation
import Logging
import Storage
import Testing

/// One suite, both backends: every behaviour the service relies on.
@Suite struct StoreSuiteTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let tagger = TestRowTagger()

    @Test(arguments: TestBackend.allCases)
    func noncesAreSingleUseAndExpire(_ backend: TestBackend) async throws {
        try await backend.withStore { store in
            let store = store.core
            try await store.insertNonce("n1", expiresAt: now + 60)
            try await store.insertNonce("n2", expiresAt: now - 1)
            #expect(try await store.consumeNonce("n1", at: now) == .consumed)
            #expect(try await store.consumeNonce("n1", at: now) == .unknown)
            #expect(try await store.consumeNonce("n2", at: now) == .expired)
            #expect(try await store.consumeNonce("never", at: now) == .unknown)
            try await store.insertNonce("n3", expiresAt: now - 10)
            try await store.insertNonce("n4", expiresAt: now + 10)
            #expect(try await store.deleteExpiredNonces(before: now) == 1)
            #expect(try await store.consumeNonce("n4", at: now) == .consumed)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func concurrentConsumersGetANonceExactlyOnce(_ backend: TestBackend) async throws {
        try await backend.withStore { store in
            let store = store.core
            for index in 0..<20 { try await store.insertNonce("c\(index)", expiresAt: now + 60) }
            let results = try await withThrowingTaskGroup(of: NonceStatus.self) { group in
                for index in 0..<200 {
                    group.addTask { try await store.consumeNonce("c\(index % 20)", at: self.now) }
                }
                return try await group.reduce(into: [NonceStatus]()) { $0.append($1) }
            }
            #expect(results.filter { $0 == .consumed }.count == 20)
            #expect(results.filter { $0 == .unknown }.count == 180)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func policiesAreVersionedTaggedAuditedAndKeepTheirHistory(_ backend: TestBackend) async throws {
        try await backend.withStore { [now, tagger] store in
            let store = store.core
            let first = try await store.putPolicy(.appraisal, key: "default", text: "package a", sha256: "aa", at: now, tagger: tagger) { stored, replaced in
                #expect(stored.version == 1 && replaced == nil)
                return testAudit("policy-put")
            }
            let second = try await store.putPolicy(.appraisal, key: "default", text: "package b", sha256: "bb", at: now + 1, tagger: tagger) {
                stored, replaced in
                #expect(stored.version == 2 && replaced?.sha256 == "aa")
                return testAudit("policy-put", outcome: "second")
            }
            #expect(first.policy.version == 1 && second.policy.version == 2)
            #expect(second.policy.mac == tagger.tag(second.policy.content(table: PolicyKind.appraisal.table)))
            #expect(second.audit.id > first.audit.id)
            #expect(try await store.policy(.appraisal, key: "default")?.text == "package b")
            #expect(try await store.policy(.appraisal, key: "default", version: 1)?.text == "package a")
            _ = try await store.putPolicy(.appraisal, key: "other", text: "x", sha256: "cc", at: now, tagger: tagger) { _, _ in testAudit("policy-put") }
            #expect(try await store.policies(.appraisal).map(\.id) == ["default", "other"])
            #expect(try await store.deletePolicy(.appraisal, key: "default") { removed in testAudit("policy-delete", outcome: "v\(removed.version)") } != nil)
            #expect(try await store.deletePolicy(.appraisal, key: "default") { _ in testAudit("policy-delete") } == nil)
            #expect(try await store.policy(.appraisal, key: "default") == nil)
            #expect(try await store.policy(.appraisal, key: "default", version: 2)?.text == "package b", "history outlives a deletion")
            let recreated = try await store.putPolicy(.appraisal, key: "default", text: "package c", sha256: "dd", at: now, tagger: tagger) { _, _ in
                testAudit("policy-put")
            }
            #expect(recreated.policy.version == 3, "an id and version name one text forever")
            #expect(try await store.policyHistory(.appraisal).filter { $0.id == "default" }.map(\.version) == [1, 2, 3])
            let outcomes = try await store.auditRecords(after: 0, limit: 10).map(\.outcome)
            #expect(outcomes == ["done", "second", "done", "v2", "done"])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aChangeAndItsAuditRecordCommitTogether(_ backend: TestBackend) async throws {
        try await backend.withStore { [now, tagger] store in
            let store = store.core
            _ = try await store.putPolicy(.appraisal, key: "p", text: "package a", sha256: "aa", at: now, tagger: tagger) { _, _ in
                testAudit("policy-put")
            }
            let before = try await store.auditRecords(after: 0, limit: 10).count
            // A reference value whose id already exists fails the insert: neither the entries nor the audit record stay.
            let entry = ReferenceValueRecord(id: "dup", tee: "snp", document: "{}", createdAt: now).tagged(by: tagger)
            _ = try await store.addReferenceValues([entry], audit: testAudit("reference-values-add"))
            await #expect(throws: StoreError.self) {
                _ = try await store.addReferenceValues(
                    [ReferenceValueRecord(id: "fresh", tee: "tdx", document: "{}", createdAt: now).tagged(by: tagger), entry],
                    audit: testAudit("reference-values-add", outcome: "must-not-stay"))
            }
            #expect(try await store.referenceValues().map(\.id) == ["dup"])
            let records = try await store.auditRecords(after: 0, limit: 10)
            #expect(records.count == before + 1)
            #expect(!records.contains { $0.outcome == "must-not-stay" })
        }
    }

    @Test(arguments: TestBackend.allCases)
    func referenceValuesAddListDelete(_ backend: TestBackend) async throws {
        try await backend.withStore { [now, tagger] store in
            let store = store.core
            let added = [
                ReferenceValueRecord(id: "r1", tee: "snp", document: #"{"a":1}"#, createdAt: now).tagged(by: tagger),
                ReferenceValueRecord(id: "r2", tee: "tdx", document: #"{"b":2}"#, createdAt: now).tagged(by: tagger),
            ]
            _ = try await store.addReferenceValues(added, audit: testAudit("reference-values-add"))
            #expect(try await store.referenceValues() == added)
            #expect(try await store.deleteReferenceValue(id: "r1") { removed in testAudit("delete", outcome: removed.id) }?.outcome == "r1")
            #expect(try await store.deleteReferenceValue(id: "r1") { _ in testAudit("delete") } == nil)
            #expect(try await store.referenceValues().map(\.document) == [#"{"b":2}"#])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func oneActiveSigningKeyAtATime(_ backend: TestBackend) async throws {
        try await backend.withStore { [now] store in
            let store = store.core
            func key(_ kid: String, _ at: Date) -> SigningKeyRecord {
                SigningKeyRecord(kid: kid, sealedPrivateKey: "sealed-\(kid)", publicJWK: "{}", createdAt: at, retiredAt: nil)
            }
            #expect(try await store.activateSigningKey(key("k1", now), at: now, onlyIfNone: true, audit: nil))
            #expect(try await !store.activateSigningKey(key("k0", now), at: now, onlyIfNone: true, audit: nil))
            #expect(try await store.activateSigningKey(key("k2", now + 5), at: now + 5, onlyIfNone: false, audit: testAudit("key-rotate")))
            let keys = try await store.signingKeys()
            #expect(keys.map(\.kid) == ["k2", "k1"])
            #expect(keys.filter(\.isActive).map(\.kid) == ["k2"])
            #expect(keys.first { $0.kid == "k1" }?.retiredAt == now + 5)
            #expect(try await store.auditRecords(after: 0, limit: 10).map(\.kind) == ["key-rotate"])
            let racers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await store.activateSigningKey(key("r\(index)", now + 10), at: now + 10, onlyIfNone: false, audit: nil)
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(racers == 10)
            #expect(try await store.signingKeys().filter(\.isActive).count == 1)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func auditIsAppendOnly(_ backend: TestBackend) async throws {
        try await backend.withStore { [now] store in
            let store = store.core
            var ids: [Int64] = []
            for index in 0..<5 {
                let record = AuditRecord(
                    at: now, kind: "attest", client: "127.0.0.1", tee: "sample", nonce: index == 0 ? nil : "n\(index)",
                    outcome: "affirming", claimsSHA256: "ab", policyID: "p", policySHA256: "cd", detail: "{}")
                ids.append(try await store.appendAudit(record).id)
            }
            #expect(ids == ids.sorted() && Set(ids).count == 5)
            let page = try await store.auditRecords(after: ids[1], limit: 2)
            #expect(page.map(\.id) == [ids[2], ids[3]])
            #expect(page[0].nonce == "n2")
            #expect(try await store.auditRecords(after: 0, limit: 10).first?.nonce == nil)
        }
    }

    @Test func auditRowsCannotBeChangedEvenWithSQL() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await store.migrate()
        _ = try await store.core.appendAudit(
            AuditRecord(at: now, kind: "attest", client: "c", tee: "sample", nonce: nil, outcome: "affirming",
                        claimsSHA256: "", policyID: "p", policySHA256: "", detail: "{}"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM audit'); c.commit()", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0, "a DELETE on the audit table must be refused")
        #expect(try await store.core.auditRecords(after: 0, limit: 10).count == 1)
        store.close()
    }

    @Test func theDatabaseFilesArePrivate() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644])
        let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await store.migrate()
        _ = try await store.core.appendAudit(testAudit("x"))
        for suffix in ["", "-wal", "-shm"] {
            let mode = (try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(path + suffix) has mode \(String(mode ?? 0, radix: 8))")
        }
        store.close()
    }

    @Test func migrationIsIdempotentAndDatabaseURLsParse() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
        let plugin = PluginSchema(name: "x") { _ in [["CREATE TABLE x_items (id TEXT PRIMARY KEY)"]] }
        try await store.migrate(plugins: [plugin])
        try await store.migrate(plugins: [plugin])
        store.close()
        #expect(try DatabaseLocation(parsing: "sqlite:/tmp/a.db") == .sqlite(path: "/tmp/a.db"))
        #expect(
            try DatabaseLocation(parsing: "postgres://u:p%40ss@db.example:6543/assay?sslmode=require")
                == .postgres(
                    PostgresConnectionSettings(host: "db.example", port: 6543, user: "u", password: "p@ss", database: "assay", tls: .require)))
        #expect(try DatabaseLocation(parsing: "postgresql://u@h/d").description == "postgres://u@h:5432/d?sslmode=verify-full")
        #expect(try DatabaseLocation(parsing: "postgresql://u@127.0.0.1/d").description == "postgres://u@127.0.0.1:5432/d?sslmode=prefer")
        for bad in ["", "mysql://x", "sqlite:", "postgres://h/d", "postgres://u@h:99999/d", "postgres://u@h/d?ssl=1", "postgres://u@h/d?sslmode=maybe"] {
            #expect(throws: StoreError.self, "\(bad)") { try DatabaseLocation(parsing: bad) }
        }
        do {
            _ = try DatabaseLocation(parsing: "postgres://u:hunter2-secret@h:99999/d")
            Issue.record("expected a bad port to be refused")
        } catch {
            #expect(!"\(error)".contains("hunter2"), "a database error must never repeat the password: \(error)")
        }
    }
}
