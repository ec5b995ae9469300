import AssayTestSupport
import Foundation
import KeyBroker
import Logging
import Storage
import Testing
import Tokens

@Suite struct KEKRotationTests {
    func store() async throws -> Store {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await store.migrate()
        return store
    }

    @Test func rotationRewrapsSigningKeysAndDataKeysButNotCiphertextsAndReTagsEveryRow() async throws {
        let opened = try await store()
        let store = opened.core
        let old = KeyEncryptionKey.generate()
        let new = KeyEncryptionKey.generate()
        let oldTags = RowIntegrityKey(kek: old)
        let newTags = RowIntegrityKey(kek: new)
        let signing = TokenSigningKey()
        let sealedSigning = try old.seal(
            Array(signing.privateKey.derRepresentation), context: KeyEncryptionKey.signingKeyContext(kid: signing.kid))
        _ = try await store.activateSigningKey(
            SigningKeyRecord(kid: signing.kid, sealedPrivateKey: sealedSigning, publicJWK: "{}", createdAt: Date(), retiredAt: nil),
            at: Date(), onlyIfNone: true, audit: nil)
        let values = (0..<5).map { Array("secret number \($0)".utf8) }
        for (index, value) in values.enumerated() {
            _ = try await store.putSecret(
                try SecretEnvelope.seal(value, path: try SecretPath("s/\(index)"), kek: old, at: Date()), tagger: oldTags
            ) { _, _ in testAudit("secret-put") }
        }
        for text in ["package a", "package b"] {
            _ = try await store.putPolicy(.appraisal, key: "p", text: text, sha256: text, at: Date(), tagger: oldTags) { _, _ in testAudit("policy-put") }
        }
        _ = try await store.addReferenceValues(
            [ReferenceValueRecord(id: "r", tee: "snp", document: "{}", createdAt: Date()).tagged(by: oldTags)],
            audit: testAudit("reference-values-add"))
        let before = try await store.secrets(under: nil)

        let counts = try await KEKRotation.rotate(store: store, participants: [], from: old, to: new)
        #expect(counts.contains(KEKRotation.Count(1, "token-signing keys")) && counts.contains(KEKRotation.Count(5, "secret data keys")))

        let after = try await store.secrets(under: nil)
        #expect(after.map(\.ciphertext) == before.map(\.ciphertext))
        for (index, record) in after.enumerated() {
            #expect(record.kekID == new.identifier)
            #expect(try SecretEnvelope.open(record, kek: new) == values[index])
            #expect(throws: KeyBrokerError.self) { try SecretEnvelope.open(record, kek: old) }
            #expect(newTags.isAuthentic(record.content, tag: record.mac))
        }
        let rewrapped = try #require(try await store.signingKeys().first)
        let der = try new.open(rewrapped.sealedPrivateKey, context: KeyEncryptionKey.signingKeyContext(kid: signing.kid))
        #expect(der == Array(signing.privateKey.derRepresentation))
        for policy in try await store.policies(.appraisal) + store.policyHistory(.appraisal) {
            #expect(newTags.isAuthentic(policy.content(table: PolicyKind.appraisal.table), tag: policy.mac))
        }
        for entry in try await store.referenceValues() {
            #expect(newTags.isAuthentic(entry.content, tag: entry.mac) && !oldTags.isAuthentic(entry.content, tag: entry.mac))
        }
        opened.close()
    }

    @Test func aWrongOldKEKChangesNothing() async throws {
        let opened = try await store()
        let store = opened.core
        let real = KeyEncryptionKey.generate()
        _ = try await store.putSecret(
            try SecretEnvelope.seal([1, 2, 3], path: try SecretPath("x"), kek: real, at: Date()), tagger: RowIntegrityKey(kek: real)
        ) { _, _ in testAudit("secret-put") }
        let before = try await store.secrets(under: nil)
        await #expect(throws: KeyBrokerError.self) {
            try await KEKRotation.rotate(store: store, participants: [], from: KeyEncryptionKey.generate(), to: KeyEncryptionKey.generate())
        }
        #expect(try await store.secrets(under: nil) == before)
        opened.close()
    }

    @Test func untaggedRowsOfAnUpgradedDatabaseAreTaggedOnceAndOnlyOnce() async throws {
        let opened = try await store()
        let store = opened.core
        let key = RowIntegrityKey(kek: KeyEncryptionKey.generate())
        guard case .sqlite(let sqlite) = opened.backend else { return }
        // Rows as an older Assay wrote them: no tag.
        _ = try await sqlite.run { connection in
            _ = try connection.query(
                "INSERT INTO policies (id, version, text, sha256, updated_at) VALUES ('old', 1, 'package a', 'aa', 0)")
            _ = try connection.query(
                "INSERT INTO policy_versions (id, version, text, sha256, created_at) VALUES ('old', 1, 'package a', 'aa', 0)")
            _ = try connection.query("INSERT INTO reference_values (id, tee, document, created_at) VALUES ('r', 'snp', '{}', 0)")
        }
        #expect(try await RowRetagging.adoptUntaggedRows(in: store, tagger: key) == 3)
        let policy = try #require(try await store.policy(.appraisal, key: "old"))
        #expect(key.isAuthentic(policy.content(table: PolicyKind.appraisal.table), tag: policy.mac))
        #expect(try await store.pendingIntegrityAdoptions().isEmpty)
        // Later untagged rows (someone with database access) are not adopted.
        _ = try await sqlite.run { connection in
            _ = try connection.query("INSERT INTO reference_values (id, tee, document, created_at) VALUES ('forged', 'snp', '{}', 0)")
        }
        #expect(try await RowRetagging.adoptUntaggedRows(in: store, tagger: key) == 0)
        let forged = try #require(try await store.referenceValues().first { $0.id == "forged" })
        #expect(!key.isAuthentic(forged.content, tag: forged.mac))
        opened.close()
    }
}
