import Foundation
import KeyBroker
import Storage
import Testing
import Tokens

@Suite struct KEKRotationTests {
    func store() async throws -> SQLiteStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let store = try await SQLiteStore.open(path: path)
        try await store.migrate()
        return store
    }

    @Test func rotationRewrapsSigningKeysAndDataKeysButNotCiphertexts() async throws {
        let store = try await store()
        let old = KeyEncryptionKey.generate()
        let new = KeyEncryptionKey.generate()
        let signing = TokenSigningKey()
        let sealedSigning = try old.seal(
            Array(signing.privateKey.derRepresentation), context: KeyEncryptionKey.signingKeyContext(kid: signing.kid))
        _ = try await store.activateSigningKey(
            SigningKeyRecord(kid: signing.kid, sealedPrivateKey: sealedSigning, publicJWK: "{}", createdAt: Date(), retiredAt: nil),
            at: Date(), onlyIfNone: true)
        let values = (0..<5).map { Array("secret number \($0)".utf8) }
        for (index, value) in values.enumerated() {
            _ = try await store.putSecret(try SecretEnvelope.seal(value, path: try SecretPath("s/\(index)"), kek: old, at: Date()))
        }
        let before = try await store.secrets(under: nil)

        let summary = try await KEKRotation.rotate(store: store, from: old, to: new)
        #expect(summary.signingKeys == 1 && summary.secrets == 5)

        let after = try await store.secrets(under: nil)
        #expect(after.map(\.ciphertext) == before.map(\.ciphertext))
        for (index, record) in after.enumerated() {
            #expect(record.kekID == new.identifier)
            #expect(try SecretEnvelope.open(record, kek: new) == values[index])
            #expect(throws: KeyBrokerError.self) { try SecretEnvelope.open(record, kek: old) }
        }
        let rewrapped = try #require(try await store.signingKeys().first)
        let der = try new.open(rewrapped.sealedPrivateKey, context: KeyEncryptionKey.signingKeyContext(kid: signing.kid))
        #expect(der == Array(signing.privateKey.derRepresentation))
        try await store.close()
    }

    @Test func rotationRewrapsPendingTPMEnrollmentCredentials() async throws {
        let store = try await store()
        let old = KeyEncryptionKey.generate()
        let new = KeyEncryptionKey.generate()
        let credential = Array(repeating: UInt8(0x5a), count: 32)
        let context = KeyEncryptionKey.tpmEnrollmentContext(id: "pending-1")
        try await store.insertTPMEnrollment(
            TPMEnrollmentRecord(
                id: "pending-1", ekPublic: [1], akPublic: [2], ekCertificate: [3], sealedSecret: try old.seal(credential, context: context),
                kekID: old.identifier, createdAt: Date(), expiresAt: Date() + 120))

        let summary = try await KEKRotation.rotate(store: store, from: old, to: new)
        #expect(summary.enrollments == 1)
        let record = try #require(try await store.tpmEnrollments().first)
        #expect(record.kekID == new.identifier)
        #expect(try new.open(record.sealedSecret, context: context) == credential)
        #expect(throws: TokenError.self) { try old.open(record.sealedSecret, context: context) }
        #expect(throws: TokenError.self) { try new.open(record.sealedSecret, context: KeyEncryptionKey.tpmEnrollmentContext(id: "other")) }
        try await store.close()
    }

    @Test func aWrongOldKEKChangesNothing() async throws {
        let store = try await store()
        let real = KeyEncryptionKey.generate()
        _ = try await store.putSecret(try SecretEnvelope.seal([1, 2, 3], path: try SecretPath("x"), kek: real, at: Date()))
        let before = try await store.secrets(under: nil)
        await #expect(throws: KeyBrokerError.self) {
            try await KEKRotation.rotate(store: store, from: KeyEncryptionKey.generate(), to: KeyEncryptionKey.generate())
        }
        #expect(try await store.secrets(under: nil) == before)
        try await store.close()
    }
}
