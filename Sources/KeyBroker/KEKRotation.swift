public import Storage
public import Tokens

/// Rotation of the key-encryption key: every sealed token-signing key, secret data key and pending TPM enrollment
/// credential is re-wrapped under the new KEK in one transaction; secret ciphertexts are not touched.
///
/// Everything is opened with the old KEK before anything is written, so a wrong old KEK changes nothing.
public enum KEKRotation {
    /// What a rotation re-wrapped.
    public struct Summary: Sendable, Hashable {
        /// Token-signing keys re-wrapped.
        public let signingKeys: Int
        /// Secret data keys re-wrapped.
        public let secrets: Int
        /// Pending TPM enrollment credentials re-wrapped.
        public let enrollments: Int
    }

    /// Re-wraps everything sealed by `old` under `new`.
    public static func rotate(store: any AssayStore, from old: KeyEncryptionKey, to new: KeyEncryptionKey) async throws
        -> Summary
    {
        let signingKeys = try await store.signingKeys().map { record in
            SealedKeyRewrap.SigningKey(
                kid: record.kid, old: record.sealedPrivateKey,
                new: try rewrap(
                    record.sealedPrivateKey, context: KeyEncryptionKey.signingKeyContext(kid: record.kid),
                    what: "token-signing key \(record.kid)", from: old, to: new))
        }
        let secretKeys = try await store.secrets(under: nil).map { record in
            SealedKeyRewrap.SecretKey(
                path: record.path, old: record.wrappedKey, new: try SecretEnvelope.rewrap(record, from: old, to: new),
                kekID: new.identifier)
        }
        let enrollmentSecrets = try await store.tpmEnrollments().map { record in
            SealedKeyRewrap.EnrollmentSecret(
                id: record.id, old: record.sealedSecret,
                new: try rewrap(
                    record.sealedSecret, context: KeyEncryptionKey.tpmEnrollmentContext(id: record.id),
                    what: "pending TPM enrollment \(record.id)", from: old, to: new),
                kekID: new.identifier)
        }
        try await store.rewrapSealedKeys(
            SealedKeyRewrap(signingKeys: signingKeys, secretKeys: secretKeys, enrollmentSecrets: enrollmentSecrets))
        return Summary(signingKeys: signingKeys.count, secrets: secretKeys.count, enrollments: enrollmentSecrets.count)
    }

    /// `sealed` re-wrapped under `new`; `what` names it when `old` does not open it.
    static func rewrap(
        _ sealed: String, context: String, what: String, from old: KeyEncryptionKey, to new: KeyEncryptionKey
    ) throws -> String {
        do { return try old.rewrap(sealed, context: context, to: new) } catch {
            throw KeyBrokerError.cannotOpen(
                "\(what) does not open with the old key-encryption key \(old.identifier); nothing was changed")
        }
    }
}
