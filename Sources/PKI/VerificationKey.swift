public import Crypto
public import _CryptoExtras
import SwiftASN1

/// A public key that verifies certificate, CRL and report signatures: ECDSA P-256/P-384 or RSA.
public enum VerificationKey: Sendable {
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case rsa(_RSA.Signing.PublicKey)

    /// Reads a DER SubjectPublicKeyInfo.
    public init(subjectPublicKeyInfo der: [UInt8]) throws {
        if let key = try? P384.Signing.PublicKey(derRepresentation: der) {
            self = .p384(key)
        } else if let key = try? P256.Signing.PublicKey(derRepresentation: der) {
            self = .p256(key)
        } else if let key = try? _RSA.Signing.PublicKey(derRepresentation: der) {
            self = .rsa(key)
        } else {
            throw PKIError.unsupportedKey("not an EC P-256, EC P-384 or RSA SubjectPublicKeyInfo")
        }
    }

    /// A short name for messages (`EC P-384`, `RSA-4096`).
    public var name: String {
        switch self {
        case .p256: return "EC P-256"
        case .p384: return "EC P-384"
        case .rsa(let key): return "RSA-\(key.keySizeInBits)"
        }
    }
}
