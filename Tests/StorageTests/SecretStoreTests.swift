import AssayTestSupport
import Foundation
import Storage
import Testing

/// Secrets, resource policies, column rewrites (KEK rotation) and integrity adoption, against both backends.
@Suite struct SecretStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let tagger = TestRowTagger()

    func record(_ path: String, _ marker: String, at instant: Date) -> SecretRecord {
        SecretRecord(
            path: path, version: 0, ciphertext: "ct-\(marker)", wrappedKey: "wk-\(marker)", kekID: "kek1", size: 3,
            createdAt: instant, updatedAt: instant)
    }

    @Test(arguments: TestBackend.allCases)
    func secretsAreVersionedTaggedListedByWholeSegmentPrefixAndDeleted(_ backend: TestBackend) async throws {
        try await backend.withStore { [now, tagger] store in
            let store = store.core
            let first = try await store.putSecret(record("apps/db/key", "1", at: now), tagger: tagger) { stored, replaced in
                #expect(replaced == nil)
                return testAudit("secret-put", outcome: "v\(stored.version)")
            }
            let second = try await store.putSecret(record("apps/db/key", "2", at: now + 5), tagger: tagger) { stored, replaced in
                #expect(replaced?.version == 1)
                return testAudit("secret-put", outcome: "v\(stored.version)")
            }
            #expect(first.secret.version == 1 && second.secret.version == 2)
            #expect(second.secret.createdAt == now && second.secret.updatedAt == now + 5)
            #expect(second.secret.mac == tagger.tag(second.secret.content))
            let stored = try #require(try await store.secret(path: "apps/db/key"))
            #expect(stored == second.secret)
            for (path, marker) in [("apps/db", "3"), ("apps/dbx/key", "4"), ("apps_db/key", "5")] {
                _ = try await store.putSecret(record(path, marker, at: now), tagger: tagger) { _, _ in testAudit("secret-put") }
            }
            #expect(try await store.secrets(under: "apps/db").map(\.path) == ["apps/db", "apps/db/key"])
            #expect(try await store.secrets(under: nil).count == 4)
            #expect(try await store.deleteSecret(path: "apps/db/key") { _ in testAudit("secret-delete") } != nil)
            #expect(try await store.deleteSecret(path: "apps/db/key") { _ in testAudit("secret-delete") } == nil)
            #expect(try await store.secret(path: "apps/db/key") == nil)
            #expect(try await store.auditRecords(after: 0, limit: 10).map(\.outcome).prefix(2) == ["v1", "v2"])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func resourcePoliciesAreVersionedPerPrefixWithHistory(_ backend: TestBackend) async throws {
        try await backend.withStore { [now, tagger] store in
            let store = store.core
            func put(_ prefix: String, _ text: String) async throws -> PolicyRecord {
                try await store.putPolicy(.resource, key: prefix, text: text, sha256: text + text, at: now, tagger: tagger) { _, _ in
                    testAudit("resource-policy-put")
                }.policy
            }
            #expect(try await put("apps", "a").version == 1)
            #expect(try await put("apps", "b").version == 2)
            _ = try await put("apps/db", "c")
            let policies = try await store.policies(.resource)
            #expect(policies.map(\.id) == ["apps", "apps/db"])
            #expect(policies.first?.text == "b")
            #expect(try await store.policies(.resource, keys: ["apps/db/key", "apps/db", "apps"]).map(\.id) == ["apps", "apps/db"])
            #expect(try await store.policies(.resource, keys: ["other"]).isEmpty)
            #expect(try await store.policy(.resource, key: "apps", version: 1)?.text == "a")
            #expect(try await store.deletePolicy(.resource, key: "apps") { _ in testAudit("resource-policy-delete") } != nil)
            #expect(try await store.deletePolicy(.resource, key: "apps") { _ in testAudit("resource-policy-delete") } == nil)
            #expect(try await store.policyHistory(.resource).map(\.version) == [1, 2, 1])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func columnRewritesAreAllOrNothing(_ backend: TestBackend) async throws {
        try await backend.withStore { [now, tagger] store in
            let store = store.core
            let key = SigningKeyRecord(kid: "k1", sealedPrivateKey: "sealed-old", publicJWK: "{}", createdAt: now, retiredAt: nil)
            _ = try await store.activateSigningKey(key, at: now, onlyIfNone: true, audit: nil)
            for path in ["a", "b"] {
                _ = try await store.putSecret(record(path, path, at: now), tagger: tagger) { _, _ in testAudit("secret-put") }
            }
            func rewrite(_ kid: String, _ old: String, _ new: String) -> ColumnRewrite {
                ColumnRewrite(table: "signing_keys", key: ["kid": .text(kid)], column: "sealed_private_key", old: old, new: new)
            }
            func secret(_ path: String, _ old: String, _ new: String) -> ColumnRewrite {
                ColumnRewrite(table: "secrets", key: ["path": .text(path)], column: "wrapped_key", old: old, new: new)
            }
            let stale = [rewrite("k1", "sealed-old", "sealed-new"), secret("a", "wk-a", "wk-a2"), secret("b", "wk-changed", "wk-b2")]
            await #expect(throws: StoreError.self) { try await store.rewrite(stale, completing: []) }
            #expect(try await store.signingKeys().first?.sealedPrivateKey == "sealed-old")
            #expect(try await store.secret(path: "a")?.wrappedKey == "wk-a")
            try await store.rewrite(
                [rewrite("k1", "sealed-old", "sealed-new"), secret("a", "wk-a", "wk-a2"), secret("b", "wk-b", "wk-b2")],
                completing: [])
            #expect(try await store.signingKeys().first?.sealedPrivateKey == "sealed-new")
            let a = try #require(try await store.secret(path: "a"))
            #expect(a.wrappedKey == "wk-a2" && a.ciphertext == "ct-a")
            let hostile = ColumnRewrite(table: "secrets; DROP TABLE audit", key: ["path": .text("a")], column: "mac", old: nil, new: "x")
            await #expect(throws: StoreError.self) { try await store.rewrite([hostile], completing: []) }
        }
    }

    @Test(arguments: TestBackend.allCases)
    func integrityAdoptionIsPendingOnceThenCompleted(_ backend: TestBackend) async throws {
        try await backend.withStore { store in
            let store = store.core
            #expect(try await store.pendingIntegrityAdoptions().contains("secrets"))
            try await store.rewrite([], completing: Array(try await store.pendingIntegrityAdoptions()))
            #expect(try await store.pendingIntegrityAdoptions().isEmpty)
        }
    }
}
