public import Crypto
public import X509

/// The TLS key of an attested certificate, generated inside the TEE and never written anywhere.
public enum AttestedTLSKey: Sendable {
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)

    /// The curves offered by `--key-type`.
    public enum Curve: String, Sendable, CaseIterable {
        case p256
        case p384
    }

    /// A fresh key on `curve`.
    public static func generate(_ curve: Curve) -> AttestedTLSKey {
        switch curve {
        case .p256: return .p256(P256.Signing.PrivateKey())
        case .p384: return .p384(P384.Signing.PrivateKey())
        }
    }

    /// The SubjectPublicKeyInfo, DER.
    public var spki: [UInt8] {
        switch self {
        case .p256(let key): return Array(key.publicKey.derRepresentation)
        case .p384(let key): return Array(key.publicKey.derRepresentation)
        }
    }

    /// The private key as PKCS#8 PEM (for NIOSSL, in memory only).
    public var pem: String {
        switch self {
        case .p256(let key): return key.pemRepresentation
        case .p384(let key): return key.pemRepresentation
        }
    }

    var certificatePrivateKey: Certificate.PrivateKey {
        switch self {
        case .p256(let key): return Certificate.PrivateKey(key)
        case .p384(let key): return Certificate.PrivateKey(key)
        }
    }

    var certificatePublicKey: Certificate.PublicKey {
        switch self {
        case .p256(let key): return Certificate.PublicKey(key.publicKey)
        case .p384(let key): return Certificate.PublicKey(key.publicKey)
        }
    }

    var signatureAlgorithm: Certificate.SignatureAlgorithm {
        switch self {
        case .p256: return .ecdsaWithSHA256
        case .p384: return .ecdsaWithSHA384
        }
    }
}
