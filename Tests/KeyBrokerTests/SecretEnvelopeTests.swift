import Crypto
import Foundation
import KeyBroker
import Storage
import Testing
import Tokens

@Suite struct SecretEnvelopeTests {
    let kek = KeyEncryptionKey.generate()
    let value = Array("correct horse battery staple".utf8)
    let path = try! SecretPath("apps/db/disk-key")

    @Test func sealedValueOpensToTheSameBytesAndHoldsNoPlaintext() throws {
        let record = try SecretEnvelope.seal(value, path: path, kek: kek, at: Date())
        #expect(try SecretEnvelope.open(record, kek: kek) == value)
        #expect(record.size == value.count)
        #expect(record.kekID == kek.identifier)
        for field in [record.ciphertext, record.wrappedKey] {
            #expect(!field.contains("horse"))
            #expect(!(Data(base64Encoded: field).map { Array($0) } ?? []).containsSubsequence(Array("horse".utf8)))
        }
    }

    @Test func twoSealsOfOneValueShareNothing() throws {
        let first = try SecretEnvelope.seal(value, path: path, kek: kek, at: Date())
        let second = try SecretEnvelope.seal(value, path: path, kek: kek, at: Date())
        #expect(first.ciphertext != second.ciphertext)
        #expect(first.wrappedKey != second.wrappedKey)
    }

    @Test func wrongKEKIsRefusedNamingBothKeys() throws {
        let record = try SecretEnvelope.seal(value, path: path, kek: kek, at: Date())
        let other = KeyEncryptionKey.generate()
        let error = #expect(throws: KeyBrokerError.self) { try SecretEnvelope.open(record, kek: other) }
        #expect("\(error!)".contains(kek.identifier) && "\(error!)".contains(other.identifier))
    }

    @Test func aRowMovedToAnotherPathDoesNotOpen() throws {
        let record = try SecretEnvelope.seal(value, path: path, kek: kek, at: Date())
        let moved = SecretRecord(
            path: "apps/other", version: 1, ciphertext: record.ciphertext, wrappedKey: record.wrappedKey,
            kekID: record.kekID, size: record.size, createdAt: record.createdAt, updatedAt: record.updatedAt)
        #expect(throws: KeyBrokerError.self) { try SecretEnvelope.open(moved, kek: kek) }
    }

    @Test func alteredCiphertextDoesNotOpen() throws {
        let record = try SecretEnvelope.seal(value, path: path, kek: kek, at: Date())
        var bytes = Array(Data(base64Encoded: record.ciphertext) ?? Data())
        bytes[bytes.count / 2] ^= 1
        let altered = SecretRecord(
            path: record.path, version: 1, ciphertext: Data(bytes).base64EncodedString(), wrappedKey: record.wrappedKey,
            kekID: record.kekID, size: record.size, createdAt: record.createdAt, updatedAt: record.updatedAt)
        #expect(throws: KeyBrokerError.self) { try SecretEnvelope.open(altered, kek: kek) }
    }

    @Test func rewrapKeepsTheCiphertextAndOpensOnlyWithTheNewKEK() throws {
        let record = try SecretEnvelope.seal(value, path: path, kek: kek, at: Date())
        let new = KeyEncryptionKey.generate()
        let rewrapped = record.rewrapped(
            wrappedKey: try SecretEnvelope.rewrap(record, from: kek, to: new), kekID: new.identifier)
        #expect(rewrapped.ciphertext == record.ciphertext)
        #expect(try SecretEnvelope.open(rewrapped, kek: new) == value)
        #expect(throws: KeyBrokerError.self) { try SecretEnvelope.open(rewrapped, kek: kek) }
        #expect(throws: KeyBrokerError.self) { try SecretEnvelope.rewrap(record, from: new, to: kek) }
    }

    @Test func emptyAndOversizedValuesAreRefused() {
        #expect(throws: KeyBrokerError.invalidValueSize(0)) { try SecretEnvelope.seal([], path: path, kek: kek, at: Date()) }
        let big = SecretEnvelope.maxValueBytes + 1
        #expect(throws: KeyBrokerError.invalidValueSize(big)) {
            try SecretEnvelope.seal([UInt8](repeating: 1, count: big), path: path, kek: kek, at: Date())
        }
    }

    @Test func wipeZeroesTheBytes() {
        var bytes: [UInt8] = [1, 2, 3, 4]
        SecureWipe.wipe(&bytes)
        #expect(bytes == [0, 0, 0, 0])
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
