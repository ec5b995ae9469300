public import Foundation
import SwiftASN1

/// An X.509 v2 certificate revocation list (RFC 5280 §5), kept with its exact signed bytes.
///
/// swift-certificates has no CRL support; AMD KDS and Intel PCS both publish CRLs that a verifier must check.
public struct CertificateRevocationList: Sendable, Hashable {
    /// Most revoked entries read from one CRL (Intel's PCK CRLs hold a few thousand).
    public static let maxEntries = 1_000_000
    /// Largest CRL accepted.
    public static let maxBytes = 16 * 1024 * 1024

    /// The whole CRL as received (DER).
    public let derBytes: [UInt8]
    /// The DER bytes of `tbsCertList`, which the signature covers.
    public let tbsBytes: [UInt8]
    /// The signature algorithm (outer AlgorithmIdentifier; must equal the inner one).
    public let signatureAlgorithm: SignatureAlgorithm
    /// The signature octets (DER Ecdsa-Sig-Value for ECDSA, raw for RSA).
    public let signature: [UInt8]
    /// The DER bytes of the issuer Name, for matching against the issuer certificate's subject.
    public let issuerBytes: [UInt8]
    /// `thisUpdate`.
    public let thisUpdate: Date
    /// `nextUpdate`, if present.
    public let nextUpdate: Date?
    /// Revoked serial numbers, as their big-endian magnitude bytes (no leading zeros).
    public let revokedSerialNumbers: Set<[UInt8]>

    /// Parses a DER CRL.
    public init(derEncoded bytes: [UInt8]) throws {
        let (envelope, fields) = try PKIError.wrapping("CRL") {
            let envelope = try SignedEnvelope(derEncoded: bytes, what: "CRL", maxBytes: Self.maxBytes)
            return (envelope, try Self.tbsFields(envelope.tbs))
        }
        guard envelope.algorithm == fields.inner else {
            throw PKIError.malformed(what: "CRL", reason: "inner and outer signature algorithms differ")
        }
        derBytes = bytes
        tbsBytes = Array(envelope.tbs.encodedBytes)
        signatureAlgorithm = envelope.algorithm
        signature = envelope.signature
        issuerBytes = fields.issuer
        thisUpdate = fields.thisUpdate
        nextUpdate = fields.nextUpdate
        revokedSerialNumbers = fields.revoked
    }

    static func tbsFields(_ node: ASN1Node) throws
        -> (issuer: [UInt8], thisUpdate: Date, nextUpdate: Date?, revoked: Set<[UInt8]>, inner: SignatureAlgorithm)
    {
        try DER.sequence(node, identifier: .sequence) { nodes in
            var next = nodes.next()
            if let version = next, version.identifier == .integer {
                guard try Int(derEncoded: version) == 1 else {
                    throw PKIError.malformed(what: "CRL", reason: "version must be v2")
                }
                next = nodes.next()
            }
            guard let algorithmNode = next, let issuerNode = nodes.next(), let thisUpdateNode = nodes.next() else {
                throw PKIError.malformed(what: "CRL", reason: "TBSCertList is incomplete")
            }
            let inner = try SignatureAlgorithm(algorithmIdentifier: algorithmNode)
            let thisUpdate = try ASN1Time.date(from: thisUpdateNode)
            var nextUpdate: Date?
            var revoked = Set<[UInt8]>()
            var element = nodes.next()
            if let candidate = element, candidate.identifier == UTCTime.defaultIdentifier
                || candidate.identifier == GeneralizedTime.defaultIdentifier
            {
                nextUpdate = try ASN1Time.date(from: candidate)
                element = nodes.next()
            }
            if let list = element, list.identifier == .sequence {
                try DER.sequence(list, identifier: .sequence) { entries in
                    while let entry = entries.next() {
                        guard revoked.count < maxEntries else {
                            throw PKIError.malformed(what: "CRL", reason: "more than \(maxEntries) revoked entries")
                        }
                        revoked.insert(try serialNumber(of: entry))
                    }
                }
                element = nodes.next()
            }
            if let extensions = element {
                guard extensions.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) else {
                    throw PKIError.malformed(what: "CRL", reason: "unexpected element \(extensions.identifier)")
                }
            }
            return (Array(issuerNode.encodedBytes), thisUpdate, nextUpdate, revoked, inner)
        }
    }

    static func serialNumber(of entry: ASN1Node) throws -> [UInt8] {
        guard case .constructed(let children) = entry.content, let serial = children.first(where: { _ in true }) else {
            throw PKIError.malformed(what: "CRL entry", reason: "missing serial number")
        }
        return normalized(Array(try ArraySlice<UInt8>(derEncoded: serial)))
    }

    /// A serial number's magnitude without leading zero bytes (so `00 8F` and `8F` compare equal).
    public static func normalized(_ serial: [UInt8]) -> [UInt8] {
        Array(serial.drop(while: { $0 == 0 }))
    }

    /// Whether a certificate with this serial number (big-endian bytes) is revoked.
    public func isRevoked(serialNumber: [UInt8]) -> Bool {
        revokedSerialNumbers.contains(Self.normalized(serialNumber))
    }

    /// Whether the CRL is current at `instant` (thisUpdate ≤ instant ≤ nextUpdate).
    public func isCurrent(at instant: Date) -> Bool {
        thisUpdate <= instant && nextUpdate.map { instant <= $0 } ?? true
    }

    /// Whether `key` (the issuer's) signed this CRL.
    public func isSignatureValid(key: VerificationKey) -> Bool {
        signatureAlgorithm.isValidSignature(signature, over: tbsBytes, key: key)
    }
}
