import Crypto
import SwiftASN1

/// An OCSP `CertID` (RFC 6960 §4.1.1): the hash algorithm, the hashes of the issuer's name and public key, and the
/// certificate's serial number.
struct OCSPCertID: Hashable {
    /// A hash algorithm a CertID may name: the SHA-2 family (SHA-1 CertIDs are not accepted).
    enum Hash: Hashable, CaseIterable {
        case sha256, sha384, sha512

        var oid: ASN1ObjectIdentifier {
            switch self {
            case .sha256: [2, 16, 840, 1, 101, 3, 4, 2, 1]
            case .sha384: [2, 16, 840, 1, 101, 3, 4, 2, 2]
            case .sha512: [2, 16, 840, 1, 101, 3, 4, 2, 3]
            }
        }

        func digest(_ bytes: [UInt8]) -> [UInt8] {
            switch self {
            case .sha256: Array(SHA256.hash(data: bytes))
            case .sha384: Array(SHA384.hash(data: bytes))
            case .sha512: Array(SHA512.hash(data: bytes))
            }
        }
    }

    let hash: Hash
    let issuerNameHash: [UInt8]
    let issuerKeyHash: [UInt8]
    let serialNumber: [UInt8]

    /// The CertID of `certificate` issued by `issuer`.
    init(certificate: X509Certificate, issuer: X509Certificate, hash: Hash) throws {
        self.hash = hash
        issuerNameHash = hash.digest(issuer.subjectBytes)
        issuerKeyHash = hash.digest(try Self.publicKeyBits(issuer))
        serialNumber = certificate.serialNumber
    }

    /// Reads a CertID node; nil when its algorithm is not one of ``Hash``.
    init?(node: ASN1Node) throws {
        let parsed: (Hash?, [UInt8], [UInt8], [UInt8]) = try DER.sequence(node, identifier: .sequence) { nodes in
            guard let algorithm = nodes.next(), let name = nodes.next(), let key = nodes.next(), let serial = nodes.next() else {
                throw PKIError.malformed(what: "OCSP CertID", reason: "needs hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber")
            }
            let oid = try DER.sequence(algorithm, identifier: .sequence) { parts in
                guard let first = parts.next() else { throw PKIError.malformed(what: "OCSP CertID", reason: "empty hashAlgorithm") }
                let oid = try ASN1ObjectIdentifier(derEncoded: first)
                _ = parts.next()
                return oid
            }
            guard case .primitive(let serialBytes) = serial.content, serial.identifier == .integer else {
                throw PKIError.malformed(what: "OCSP CertID", reason: "serialNumber is not an INTEGER")
            }
            return (
                Hash.allCases.first { $0.oid == oid }, Array(try ASN1OctetString(derEncoded: name).bytes),
                Array(try ASN1OctetString(derEncoded: key).bytes), Array(serialBytes)
            )
        }
        guard let hash = parsed.0 else { return nil }
        self.hash = hash
        (issuerNameHash, issuerKeyHash, serialNumber) = (parsed.1, parsed.2, parsed.3)
    }

    /// The subjectPublicKey BIT STRING's bytes of `certificate` (what issuerKeyHash and a responder's key hash
    /// are computed over).
    static func publicKeyBits(_ certificate: X509Certificate) throws -> [UInt8] {
        try DER.sequence(try DER.parse(certificate.subjectPublicKeyInfo), identifier: .sequence) { nodes in
            _ = nodes.next()
            guard let key = nodes.next() else { throw PKIError.malformed(what: "subjectPublicKeyInfo", reason: "no key") }
            return Array(try ASN1BitString(derEncoded: key).bytes)
        }
    }

    /// Serialises the CertID.
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(hash.oid)
                try coder.serialize(ASN1Null())
            }
            try coder.serialize(ASN1OctetString(contentBytes: issuerNameHash[...]))
            try coder.serialize(ASN1OctetString(contentBytes: issuerKeyHash[...]))
            coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serialNumber) }
        }
    }
}
