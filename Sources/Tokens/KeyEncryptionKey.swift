import Foundation
public import Crypto

/// The key-encryption key (KEK) that seals private keys, secret data keys and plug-ins' sealed values at rest
/// (AES-256-GCM).
///
/// It comes from a file or the environment and is never stored beside the data it protects. Each sealed value
/// binds a context string (e.g. `signing-key:<kid>`) as associated data, so a sealed blob cannot be moved to
/// another row. A wrong KEK fails to open anything, loudly.
public struct KeyEncryptionKey: Sendable {
    let key: SymmetricKey

    /// A key from 32 raw bytes.
    public init(rawBytes: [UInt8]) throws {
        guard rawBytes.count == 32 else {
            throw TokenError.invalidKey("a key-encryption key is 32 bytes (base64 of 32 random bytes), got \(rawBytes.count)")
        }
        self.key = SymmetricKey(data: rawBytes)
    }

    /// A fresh random key.
    public static func generate() -> KeyEncryptionKey {
        KeyEncryptionKey(key: SymmetricKey(size: .bits256))
    }

    init(key: SymmetricKey) { self.key = key }

    /// The file form: base64 of the 32 bytes and a newline.
    public var fileContents: String {
        key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
    }

    /// Reads a key from its file form (base64 text).
    public init(fileContents: String) throws {
        guard let data = Data(base64Encoded: fileContents.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TokenError.invalidKey("the key-encryption key must be base64 text of 32 bytes")
        }
        try self.init(rawBytes: Array(data))
    }

    /// A short, non-secret identifier (HMAC of a fixed label), safe to log and to compare across replicas.
    public var identifier: String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("assay kek identifier".utf8), using: key)
        return Data(mac).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A key for another purpose, derived from this one with HKDF-SHA256 and `label` as info: distinct labels give
    /// independent keys, and none of them reveals the KEK.
    public func derivedKey(label: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array(label.utf8), outputByteCount: 32)
    }

    /// Seals bytes, binding `context`; returns base64 of nonce ‖ ciphertext ‖ tag.
    public func seal(_ plaintext: [UInt8], context: String) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw TokenError.invalidKey("AES-GCM produced no combined form") }
        return combined.base64EncodedString()
    }

    /// The context that binds a sealed token-signing key to its kid.
    public static func signingKeyContext(kid: String) -> String { "signing-key:\(kid)" }

    /// Re-seals a value sealed by this key under `new`, with the same context (for a KEK rotation).
    public func rewrap(_ sealed: String, context: String, to new: KeyEncryptionKey) throws -> String {
        var plaintext = try open(sealed, context: context)
        defer { SecureWipe.wipe(&plaintext) }
        return try new.seal(plaintext, context: context)
    }

    /// Opens a sealed value; throws when the KEK or the context is wrong or the value was altered.
    public func open(_ sealed: String, context: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: sealed) else { throw TokenError.invalidKey("sealed value is not base64") }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            return Array(try AES.GCM.open(box, using: key, authenticating: Array(context.utf8)))
        } catch {
            throw TokenError.invalidKey(
                "cannot open \(context): the key-encryption key is not the one the data was sealed with (or the data was altered)")
        }
    }
}
