public import Storage
public import Tokens

/// Rotation of the key-encryption key: every sealed token-signing key and every secret data key is re-wrapped
/// under the new KEK in one transaction; secret ciphertexts are not touched.
///
/// Everything is opened with the old KEK before anything is written, so a wrong old KEK changes nothing.
public enum KEKRotation {
    /// What a rotation re-wrapped.
    public struct Summary: Sendable, Hashable {
        /// Token-signing keys re-wrapped.
        public let signingKeys: Int
        /// Secret data keys re-wrapped.
        public let secrets: Int
    }

    /// Re-wraps everything sealed by `old` under `new`.
    public static func rotate(store: any AssayStore, from old: KeyEncryptionKey, to new: KeyEncryptionKey) async throws
        -> Summary
    {
        let signingKeys = try await store.signingKeys().map { record in
            let context = KeyEncryptionKey.signingKeyContext(kid: record.kid)
            do {
                return SealedKeyRewrap.SigningKey(
                    kid: record.kid, old: record.sealedPrivateKey,
                    new: try old.rewrap(record.sealedPrivateKey, context: context, to: new))
            } catch {
                throw KeyBrokerError.cannotOpen(
                    "token-signing key \(record.kid) does not open with the old key-encryption key \(old.identifier); nothing was changed")
            }
        }
        let secretKeys = try await store.secrets(under: nil).map { record in
            SealedKeyRewrap.SecretKey(
                path: record.path, old: record.wrappedKey, new: try SecretEnvelope.rewrap(record, from: old, to: new),
                kekID: new.identifier)
        }
        try await store.rewrapSealedKeys(SealedKeyRewrap(signingKeys: signingKeys, secretKeys: secretKeys))
        return Summary(signingKeys: signingKeys.count, secrets: secretKeys.count)
    }
}
