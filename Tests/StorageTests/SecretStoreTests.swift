import Foundation
import Storage
import Testing

/// Secrets, resource policies and KEK re-wrapping, against both backends.
@Suite struct SecretStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func record(_ path: String, _ marker: String, at instant: Date) -> SecretRecord {
        SecretRecord(
            path: path, version: 0, ciphertext: "ct-\(marker)", wrappedKey: "wk-\(marker)", kekID: "kek1", size: 3,
            createdAt: instant, updatedAt: instant)
    }

    @Test(arguments: StoreBackend.allCases)
    func secretsAreVersionedListedByWholeSegmentPrefixAndDeleted(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.putSecret(record("apps/db/key", "1", at: now))
            let second = try await store.putSecret(record("apps/db/key", "2", at: now + 5))
            #expect(first.version == 1 && second.version == 2)
            #expect(second.createdAt == now && second.updatedAt == now + 5)
            let stored = try #require(try await store.secret(path: "apps/db/key"))
            #expect(stored == second)
            _ = try await store.putSecret(record("apps/db", "3", at: now))
            _ = try await store.putSecret(record("apps/dbx/key", "4", at: now))
            _ = try await store.putSecret(record("apps_db/key", "5", at: now))
            #expect(try await store.secrets(under: "apps/db").map(\.path) == ["apps/db", "apps/db/key"])
            #expect(try await store.secrets(under: nil).count == 4)
            #expect(try await store.deleteSecret(path: "apps/db/key"))
            #expect(try await !store.deleteSecret(path: "apps/db/key"))
            #expect(try await store.secret(path: "apps/db/key") == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func resourcePoliciesAreVersionedPerPrefix(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.putResourcePolicy(prefix: "apps", text: "a", sha256: "aa", at: now).version == 1)
            #expect(try await store.putResourcePolicy(prefix: "apps", text: "b", sha256: "bb", at: now).version == 2)
            _ = try await store.putResourcePolicy(prefix: "apps/db", text: "c", sha256: "cc", at: now)
            let policies = try await store.resourcePolicies()
            #expect(policies.map(\.id) == ["apps", "apps/db"])
            #expect(policies.first?.text == "b")
            #expect(try await store.deleteResourcePolicy(prefix: "apps"))
            #expect(try await !store.deleteResourcePolicy(prefix: "apps"))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func rewrapIsAllOrNothing(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let key = SigningKeyRecord(kid: "k1", sealedPrivateKey: "sealed-old", publicJWK: "{}", createdAt: now, retiredAt: nil)
            _ = try await store.activateSigningKey(key, at: now, onlyIfNone: true)
            _ = try await store.putSecret(record("a", "a", at: now))
            _ = try await store.putSecret(record("b", "b", at: now))
            let stale = SealedKeyRewrap(
                signingKeys: [.init(kid: "k1", old: "sealed-old", new: "sealed-new")],
                secretKeys: [
                    .init(path: "a", old: "wk-a", new: "wk-a2", kekID: "kek2"),
                    .init(path: "b", old: "wk-changed-meanwhile", new: "wk-b2", kekID: "kek2"),
                ])
            await #expect(throws: StoreError.self) { try await store.rewrapSealedKeys(stale) }
            #expect(try await store.signingKeys().first?.sealedPrivateKey == "sealed-old")
            #expect(try await store.secret(path: "a")?.wrappedKey == "wk-a")

            let current = SealedKeyRewrap(
                signingKeys: [.init(kid: "k1", old: "sealed-old", new: "sealed-new")],
                secretKeys: [
                    .init(path: "a", old: "wk-a", new: "wk-a2", kekID: "kek2"),
                    .init(path: "b", old: "wk-b", new: "wk-b2", kekID: "kek2"),
                ])
            try await store.rewrapSealedKeys(current)
            #expect(try await store.signingKeys().first?.sealedPrivateKey == "sealed-new")
            let a = try #require(try await store.secret(path: "a"))
            #expect(a.wrappedKey == "wk-a2" && a.kekID == "kek2" && a.ciphertext == "ct-a")
        }
    }
}
