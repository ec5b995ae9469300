public import SwiftASN1
import Crypto
import _CryptoExtras

/// The signature algorithms met in attestation PKIs, read from an X.509 AlgorithmIdentifier.
public enum SignatureAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// ecdsa-with-SHA256 (Intel PCK chain, TCB signing).
    case ecdsaSHA256
    /// ecdsa-with-SHA384 (AWS Nitro, NVIDIA).
    case ecdsaSHA384
    /// sha256WithRSAEncryption (TPM vendors, Google).
    case rsaPKCS1SHA256
    /// sha384WithRSAEncryption.
    case rsaPKCS1SHA384
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt (AMD ARK, ASK/ASVK, VCEK/VLEK, CRLs).
    case rsaPSSSHA384
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
    case rsaPSSSHA256

    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
    static let ecdsaWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 3]
    static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 11]
    static let sha384WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 12]
    static let rsassaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 10]
    static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 8]
    static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
    static let sha384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 2]

    public var description: String {
        switch self {
        case .ecdsaSHA256: return "ECDSA with SHA-256"
        case .ecdsaSHA384: return "ECDSA with SHA-384"
        case .rsaPKCS1SHA256: return "RSA PKCS#1 v1.5 with SHA-256"
        case .rsaPKCS1SHA384: return "RSA PKCS#1 v1.5 with SHA-384"
        case .rsaPSSSHA384: return "RSASSA-PSS with SHA-384"
        case .rsaPSSSHA256: return "RSASSA-PSS with SHA-256"
        }
    }

    /// Reads an AlgorithmIdentifier; RSASSA-PSS parameters must be explicit and consistent (hash = MGF1 hash,
    /// salt = hash length, trailer 1).
    public init(algorithmIdentifier node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            guard let oidNode = nodes.next() else {
                throw PKIError.malformed(what: "AlgorithmIdentifier", reason: "missing algorithm OID")
            }
            let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
            let parameters = nodes.next()
            switch oid {
            case Self.ecdsaWithSHA256: return .ecdsaSHA256
            case Self.ecdsaWithSHA384: return .ecdsaSHA384
            case Self.sha256WithRSA: return .rsaPKCS1SHA256
            case Self.sha384WithRSA: return .rsaPKCS1SHA384
            case Self.rsassaPSS:
                guard let parameters else { throw PKIError.unsupportedAlgorithm("RSASSA-PSS without parameters (SHA-1)") }
                return try Self.pss(parameters)
            default:
                throw PKIError.unsupportedAlgorithm("OID \(oid)")
            }
        }
    }

    static func pss(_ node: ASN1Node) throws -> SignatureAlgorithm {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let hash = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try hashOID($0)
            }
            let mgfHash = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { mgf in
                try DER.sequence(mgf, identifier: .sequence) { inner -> ASN1ObjectIdentifier in
                    guard let oidNode = inner.next(), let hashNode = inner.next() else {
                        throw PKIError.malformed(what: "RSASSA-PSS parameters", reason: "incomplete maskGenAlgorithm")
                    }
                    guard try ASN1ObjectIdentifier(derEncoded: oidNode) == mgf1 else {
                        throw PKIError.unsupportedAlgorithm("RSASSA-PSS mask generation other than MGF1")
                    }
                    return try hashOID(hashNode)
                }
            }
            let salt = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 2, tagClass: .contextSpecific) {
                try Int(derEncoded: $0)
            }
            let trailer = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 3, tagClass: .contextSpecific) {
                try Int(derEncoded: $0)
            }
            guard trailer == nil || trailer == 1 else { throw PKIError.unsupportedAlgorithm("RSASSA-PSS trailer field") }
            switch (hash, mgfHash, salt) {
            case (sha384, sha384, 48): return .rsaPSSSHA384
            case (sha256, sha256, 32): return .rsaPSSSHA256
            default:
                throw PKIError.unsupportedAlgorithm(
                    "RSASSA-PSS with hash \(hash.map { "\($0)" } ?? "SHA-1"), MGF1 hash \(mgfHash.map { "\($0)" } ?? "SHA-1"), salt \(salt ?? 20)")
            }
        }
    }

    static func hashOID(_ node: ASN1Node) throws -> ASN1ObjectIdentifier {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let oidNode = nodes.next() else {
                throw PKIError.malformed(what: "hash AlgorithmIdentifier", reason: "missing OID")
            }
            _ = nodes.next()
            return try ASN1ObjectIdentifier(derEncoded: oidNode)
        }
    }

    /// Checks `signature` over `message` with `key`. ECDSA signatures are DER `Ecdsa-Sig-Value`s as in X.509;
    /// RSA signatures are the raw octets. A key of the wrong type never verifies.
    public func isValidSignature(_ signature: [UInt8], over message: [UInt8], key: VerificationKey) -> Bool {
        switch (self, key) {
        case (.ecdsaSHA256, .p256(let key)):
            guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(signature, for: SHA256.hash(data: message))
        case (.ecdsaSHA256, .p384(let key)):
            guard let signature = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(signature, for: SHA256.hash(data: message))
        case (.ecdsaSHA384, .p384(let key)):
            guard let signature = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(signature, for: SHA384.hash(data: message))
        case (.ecdsaSHA384, .p256(let key)):
            guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(signature, for: SHA384.hash(data: message))
        case (.rsaPKCS1SHA256, .rsa(let key)):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: message),
                padding: .insecurePKCS1v1_5)
        case (.rsaPKCS1SHA384, .rsa(let key)):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA384.hash(data: message),
                padding: .insecurePKCS1v1_5)
        case (.rsaPSSSHA384, .rsa(let key)):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA384.hash(data: message), padding: .PSS)
        case (.rsaPSSSHA256, .rsa(let key)):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: message), padding: .PSS)
        default:
            return false
        }
    }
}
