/// One key-encryption-key rotation: every sealed value re-wrapped under the new KEK, applied in one transaction.
///
/// Each entry carries the sealed value it replaces; if any row no longer holds that value (a concurrent change),
/// the whole rotation is rolled back and nothing changes.
public struct SealedKeyRewrap: Sendable, Hashable {
    /// A token-signing key: its kid, the sealed private key now stored, and its replacement.
    public struct SigningKey: Sendable, Hashable {
        public let kid: String
        public let old: String
        public let new: String

        public init(kid: String, old: String, new: String) {
            self.kid = kid
            self.old = old
            self.new = new
        }
    }

    /// A secret's data key: the path, the wrapped key now stored, its replacement and the new KEK's identifier.
    public struct SecretKey: Sendable, Hashable {
        public let path: String
        public let old: String
        public let new: String
        public let kekID: String

        public init(path: String, old: String, new: String, kekID: String) {
            self.path = path
            self.old = old
            self.new = new
            self.kekID = kekID
        }
    }

    /// A pending TPM enrollment's sealed credential: the enrollment id, the sealed value now stored, its
    /// replacement and the new KEK's identifier.
    public struct EnrollmentSecret: Sendable, Hashable {
        public let id: String
        public let old: String
        public let new: String
        public let kekID: String

        public init(id: String, old: String, new: String, kekID: String) {
            self.id = id
            self.old = old
            self.new = new
            self.kekID = kekID
        }
    }

    /// The signing keys to re-wrap.
    public let signingKeys: [SigningKey]
    /// The secret data keys to re-wrap.
    public let secretKeys: [SecretKey]
    /// The pending TPM enrollments' credentials to re-wrap.
    public let enrollmentSecrets: [EnrollmentSecret]

    public init(signingKeys: [SigningKey], secretKeys: [SecretKey], enrollmentSecrets: [EnrollmentSecret] = []) {
        self.signingKeys = signingKeys
        self.secretKeys = secretKeys
        self.enrollmentSecrets = enrollmentSecrets
    }
}
