import AttestationCore
import Crypto
public import Storage
public import Tokens

/// The key that tags the rows deciding who gets secrets (appraisal and resource policies, reference values, secret
/// metadata, a plug-in's trusted keys): HMAC-SHA256 under a key derived from the key-encryption key, over the row's
/// table, key, version and content (``RowContent``). Someone who can write the database but not read the KEK cannot
/// make a tag, so a changed, moved or invented row fails ``isAuthentic(_:tag:)``.
public struct RowIntegrityKey: RowTagger {
    /// The HKDF label that separates this key from every other key derived from the KEK.
    static let label = "assay row integrity v1"

    let key: SymmetricKey

    /// The integrity key of `kek`.
    public init(kek: KeyEncryptionKey) {
        key = kek.derivedKey(label: Self.label)
    }

    public func tag(_ content: RowContent) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: content.canonicalBytes, using: key))
    }

    /// Whether `tag` is this key's tag of `content` (compared in constant time; an empty tag never is).
    public func isAuthentic(_ content: RowContent, tag: String) -> Bool {
        guard !tag.isEmpty else { return false }
        return ConstantTime.equal(Array(tag.utf8), Array(self.tag(content).utf8))
    }
}
