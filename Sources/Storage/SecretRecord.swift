public import Foundation

/// A secret as stored: its value encrypted under its own data key, the data key wrapped by the key-encryption key.
///
/// Nothing in a record is plaintext except the path and sizes; opening it needs the KEK (KeyBroker.SecretEnvelope).
public struct SecretRecord: Sendable, Hashable {
    /// The table secrets live in (part of their integrity tag).
    public static let table = "secrets"

    /// The secret's path, e.g. `apps/db/disk-key`.
    public let path: String
    /// 1 for the first value stored at the path, incremented by each replacement.
    public let version: Int
    /// The value sealed with the data key (AES-256-GCM combined form: nonce ‖ ciphertext ‖ tag, base64).
    public let ciphertext: String
    /// The data key sealed with the key-encryption key (base64).
    public let wrappedKey: String
    /// Identifier of the key-encryption key that wrapped the data key (not secret).
    public let kekID: String
    /// Length of the plaintext value in bytes.
    public let size: Int
    /// When the first version was stored.
    public let createdAt: Date
    /// When this version was stored.
    public let updatedAt: Date
    /// The integrity tag over ``content``.
    public let mac: String

    public init(
        path: String, version: Int, ciphertext: String, wrappedKey: String, kekID: String, size: Int, createdAt: Date,
        updatedAt: Date, mac: String = ""
    ) {
        self.path = path
        self.version = version
        self.ciphertext = ciphertext
        self.wrappedKey = wrappedKey
        self.kekID = kekID
        self.size = size
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.mac = mac
    }

    /// What the integrity tag covers.
    public var content: RowContent {
        RowContent(table: Self.table, key: path, version: version, fields: [ciphertext, wrappedKey, kekID, String(size)])
    }

    /// A copy with the version and creation time the store assigned and the tag `tagger` makes for them.
    func stored(version: Int, createdAt: Date, tagger: any RowTagger) -> SecretRecord {
        let placed = SecretRecord(
            path: path, version: version, ciphertext: ciphertext, wrappedKey: wrappedKey, kekID: kekID, size: size,
            createdAt: createdAt, updatedAt: updatedAt)
        return SecretRecord(
            path: path, version: version, ciphertext: ciphertext, wrappedKey: wrappedKey, kekID: kekID, size: size,
            createdAt: createdAt, updatedAt: updatedAt, mac: tagger.tag(placed.content))
    }

    /// A copy whose data key was re-wrapped by another key-encryption key; the ciphertext is unchanged.
    public func rewrapped(wrappedKey: String, kekID: String) -> SecretRecord {
        SecretRecord(
            path: path, version: version, ciphertext: ciphertext, wrappedKey: wrappedKey, kekID: kekID, size: size,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
