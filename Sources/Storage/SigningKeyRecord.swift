public import Foundation

/// A token-signing key as stored: the private key sealed (encrypted) by the master key, the public JWK in clear.
public struct SigningKeyRecord: Sendable, Hashable {
    /// The key id (RFC 7638 thumbprint).
    public let kid: String
    /// The sealed private key (AES-GCM combined form, base64).
    public let sealedPrivateKey: String
    /// The public JWK JSON.
    public let publicJWK: String
    /// When the key was created.
    public let createdAt: Date
    /// When the key stopped signing; nil for the active key.
    public let retiredAt: Date?

    public init(kid: String, sealedPrivateKey: String, publicJWK: String, createdAt: Date, retiredAt: Date?) {
        self.kid = kid
        self.sealedPrivateKey = sealedPrivateKey
        self.publicJWK = publicJWK
        self.createdAt = createdAt
        self.retiredAt = retiredAt
    }

    /// Whether this is the key that signs new tokens.
    public var isActive: Bool { retiredAt == nil }
}
