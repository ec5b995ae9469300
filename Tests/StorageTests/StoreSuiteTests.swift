import Foundation
import Storage
import Testing

/// One suite, both backends: every behaviour the service relies on.
@Suite struct StoreSuiteTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreBackend.allCases)
    func noncesAreSingleUseAndExpire(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
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

    @Test(arguments: StoreBackend.allCases)
    func concurrentConsumersGetANonceExactlyOnce(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
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

    @Test(arguments: StoreBackend.allCases)
    func policiesAreVersioned(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.putPolicy(id: "default", text: "package a", sha256: "aa", at: now)
            let second = try await store.putPolicy(id: "default", text: "package b", sha256: "bb", at: now + 1)
            #expect(first.version == 1 && second.version == 2)
            #expect(try await store.policy(id: "default")?.text == "package b")
            _ = try await store.putPolicy(id: "other", text: "x", sha256: "cc", at: now)
            #expect(try await store.policies().map(\.id) == ["default", "other"])
            #expect(try await store.deletePolicy(id: "default"))
            #expect(try await !store.deletePolicy(id: "default"))
            #expect(try await store.policy(id: "default") == nil)
            #expect(try await store.putPolicy(id: "default", text: "package c", sha256: "dd", at: now).version == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func referenceValuesAddListDelete(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let added = try await store.addReferenceValues([("snp", #"{"a":1}"#), ("tdx", #"{"b":2}"#)], at: now)
            #expect(added.count == 2)
            #expect(Set(try await store.referenceValues().map(\.id)) == Set(added.map(\.id)))
            #expect(try await store.deleteReferenceValue(id: added[0].id))
            #expect(try await !store.deleteReferenceValue(id: added[0].id))
            #expect(try await store.referenceValues().map(\.document) == [#"{"b":2}"#])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func oneActiveSigningKeyAtATime(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            func key(_ kid: String, _ at: Date) -> SigningKeyRecord {
                SigningKeyRecord(kid: kid, sealedPrivateKey: "sealed-\(kid)", publicJWK: "{}", createdAt: at, retiredAt: nil)
            }
            #expect(try await store.activateSigningKey(key("k1", now), at: now, onlyIfNone: true))
            #expect(try await !store.activateSigningKey(key("k0", now), at: now, onlyIfNone: true))
            #expect(try await store.activateSigningKey(key("k2", now + 5), at: now + 5, onlyIfNone: false))
            let keys = try await store.signingKeys()
            #expect(keys.map(\.kid) == ["k2", "k1"])
            #expect(keys.filter(\.isActive).map(\.kid) == ["k2"])
            #expect(keys.first { $0.kid == "k1" }?.retiredAt == now + 5)
            let racers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask { try await store.activateSigningKey(key("r\(index)", self.now + 10), at: self.now + 10, onlyIfNone: false) }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(racers == 10)
            #expect(try await store.signingKeys().filter(\.isActive).count == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func auditIsAppendOnly(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
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
        let store = try await SQLiteStore.open(path: path)
        try await store.migrate()
        _ = try await store.appendAudit(
            AuditRecord(at: now, kind: "attest", client: "c", tee: "sample", nonce: nil, outcome: "affirming",
                        claimsSHA256: "", policyID: "p", policySHA256: "", detail: "{}"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM audit'); c.commit()", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0, "a DELETE on the audit table must be refused")
        #expect(try await store.auditRecords(after: 0, limit: 10).count == 1)
        try await store.close()
    }

    @Test func migrationIsIdempotentAndDatabaseURLsParse() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let store = try await SQLiteStore.open(path: path)
        try await store.migrate()
        try await store.migrate()
        try await store.close()
        #expect(try DatabaseLocation(parsing: "sqlite:/tmp/a.db") == .sqlite(path: "/tmp/a.db"))
        #expect(
            try DatabaseLocation(parsing: "postgres://u:p%40ss@db.example:6543/assay?sslmode=require")
                == .postgres(host: "db.example", port: 6543, user: "u", password: "p@ss", database: "assay", tls: .require))
        #expect(try DatabaseLocation(parsing: "postgresql://u@h/d").description == "postgres://u@h:5432/d")
        for bad in ["", "mysql://x", "sqlite:", "postgres://h/d", "postgres://u@h:99999/d", "postgres://u@h/d?ssl=1"] {
            #expect(throws: StoreError.self, "\(bad)") { try DatabaseLocation(parsing: bad) }
        }
    }
}
