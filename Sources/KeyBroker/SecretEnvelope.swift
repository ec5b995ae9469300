import Crypto
public import Foundation
public import Storage
public import Tokens

/// Envelope encryption of secrets at rest: each value under its own random AES-256-GCM data key, the data key
/// wrapped by the key-encryption key (KEK).
///
/// The value is sealed with the path as associated data and the data key with `secret-data-key:<path>` as KEK
/// context, so a row copied to another path no longer opens. Rotating the KEK re-wraps only the data keys.
public enum SecretEnvelope {
    /// Largest secret value accepted, in bytes.
    public static let maxValueBytes = 64 * 1024

    static func valueContext(_ path: String) -> [UInt8] { Array("assay secret value:\(path)".utf8) }
    static func keyContext(_ path: String) -> String { "secret-data-key:\(path)" }

    /// Seals `value` for storage at `path`; the store assigns the version.
    public static func seal(_ value: [UInt8], path: SecretPath, kek: KeyEncryptionKey, at instant: Date) throws
        -> SecretRecord
    {
        guard (1...maxValueBytes).contains(value.count) else { throw KeyBrokerError.invalidValueSize(value.count) }
        let dataKey = SymmetricKey(size: .bits256)
        let box = try AES.GCM.seal(value, using: dataKey, authenticating: valueContext(path.text))
        guard let combined = box.combined else { throw KeyBrokerError.cannotOpen("AES-GCM produced no combined form") }
        var rawKey = dataKey.withUnsafeBytes { Array($0) }
        defer { SecureWipe.wipe(&rawKey) }
        return SecretRecord(
            path: path.text, version: 0, ciphertext: combined.base64EncodedString(),
            wrappedKey: try kek.seal(rawKey, context: keyContext(path.text)), kekID: kek.identifier, size: value.count,
            createdAt: instant, updatedAt: instant)
    }

    /// Opens a stored secret; the caller should wipe the returned bytes when done.
    public static func open(_ record: SecretRecord, kek: KeyEncryptionKey) throws -> [UInt8] {
        let dataKey = try unwrap(record, kek: kek)
        guard let combined = Data(base64Encoded: record.ciphertext),
            let box = try? AES.GCM.SealedBox(combined: combined),
            let value = try? AES.GCM.open(box, using: dataKey, authenticating: valueContext(record.path))
        else {
            throw KeyBrokerError.cannotOpen("secret \(record.path) does not decrypt with its data key (the row was altered or moved)")
        }
        return Array(value)
    }

    /// The data key re-wrapped under `new`; the ciphertext stays as it is.
    public static func rewrap(_ record: SecretRecord, from old: KeyEncryptionKey, to new: KeyEncryptionKey) throws -> String {
        try checkKEK(record, old)
        return try old.rewrap(record.wrappedKey, context: keyContext(record.path), to: new)
    }

    /// Checks at start-up that `kek` is the key the stored secrets were sealed with: every record names it and the
    /// first one's data key opens. Throws ``KeyBrokerError/cannotOpen(_:)`` naming the mismatch otherwise.
    public static func checkKEK(opens records: [SecretRecord], kek: KeyEncryptionKey) throws {
        for record in records { try checkKEK(record, kek) }
        if let first = records.first { _ = try unwrap(first, kek: kek) }
    }

    static func checkKEK(_ record: SecretRecord, _ kek: KeyEncryptionKey) throws {
        guard record.kekID == kek.identifier else {
            throw KeyBrokerError.cannotOpen(
                "secret \(record.path) was sealed with key-encryption key \(record.kekID), but this one is \(kek.identifier); start with the KEK it was sealed with (or rotate with assay kek rotate)")
        }
    }

    static func unwrap(_ record: SecretRecord, kek: KeyEncryptionKey) throws -> SymmetricKey {
        try checkKEK(record, kek)
        var rawKey: [UInt8]
        do { rawKey = try kek.open(record.wrappedKey, context: keyContext(record.path)) } catch {
            throw KeyBrokerError.cannotOpen("the data key of secret \(record.path) does not open with key-encryption key \(kek.identifier) (the row was altered or moved)")
        }
        defer { SecureWipe.wipe(&rawKey) }
        return SymmetricKey(data: rawKey)
    }
}
