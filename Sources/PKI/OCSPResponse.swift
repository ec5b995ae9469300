public import Foundation
import AttestationCore
import Crypto
import SwiftASN1

/// A certificate's revocation status as an OCSP responder signed it (RFC 6960).
public enum OCSPCertificateStatus: Sendable, Hashable, CustomStringConvertible {
    /// Not revoked, as of `thisUpdate`; the answer holds until `nextUpdate` (when given).
    case good(thisUpdate: Date, nextUpdate: Date?)
    /// Revoked at `time`, for `reason` (RFC 5280 CRLReason, when given; 6 = certificateHold).
    case revoked(time: Date, reason: Int?)
    /// The responder does not know the certificate.
    case unknown

    public var description: String {
        switch self {
        case .good: return "good"
        case .revoked(let time, let reason):
            return "revoked at \(RFC3339.format(time))" + (reason.map { $0 == 6 ? " (certificateHold)" : " (reason \($0))" } ?? "")
        case .unknown: return "unknown to the responder"
        }
    }
}

/// Reads and checks an OCSP response for one certificate: a successful basic response, signed by the issuer or by
/// a responder certificate the issuer delegated (id-kp-OCSPSigning), naming the certificate's CertID, current at
/// the instant (thisUpdate ≤ instant ≤ nextUpdate).
public enum OCSPResponse {
    /// Largest response read.
    public static let maxBytes = 64 * 1024
    /// Most certificates a response may carry for its signer.
    static let maxCertificates = 8
    /// Clock skew tolerated on thisUpdate.
    static let skew: TimeInterval = 300
    static let basicResponseType: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 1]
    static let ocspSigningPurpose: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]

    /// The status the response gives `certificate` (issued by `issuer`) at `instant`; throws when the response is
    /// malformed, unsuccessful, not signed by the issuer or its delegate, or not current.
    public static func status(
        of certificate: X509Certificate, issuer: X509Certificate, response bytes: [UInt8], at instant: Date
    ) throws -> OCSPCertificateStatus {
        guard bytes.count <= maxBytes else {
            throw PKIError.malformed(what: "OCSP response", reason: "\(bytes.count) bytes, above the limit of \(maxBytes)")
        }
        let basic = try PKIError.wrapping("OCSP response") { try basicResponse(try DER.parse(bytes)) }
        let (tbs, algorithm, signature, certificates) = try PKIError.wrapping("OCSP basic response") { try envelope(basic) }
        let data = try PKIError.wrapping("OCSP response data") { try ResponseData(tbs) }
        let signer = try signer(of: data, issuer: issuer, certificates: certificates, at: instant)
        guard algorithm.isValidSignature(signature, over: Array(tbs.encodedBytes), key: try signer.publicKey()) else {
            throw PKIError.malformed(what: "OCSP response", reason: "the signature does not verify with '\(signer.subjectCommonName ?? "the signer")'")
        }
        for single in data.responses {
            guard let certID = single.certID,
                certID == (try OCSPCertID(certificate: certificate, issuer: issuer, hash: certID.hash))
            else { continue }
            guard single.thisUpdate <= instant.addingTimeInterval(skew) else {
                throw PKIError.malformed(what: "OCSP response", reason: "thisUpdate \(RFC3339.format(single.thisUpdate)) is after the instant")
            }
            if let next = single.nextUpdate, next < instant {
                throw PKIError.malformed(
                    what: "OCSP response", reason: "stale: nextUpdate \(RFC3339.format(next)) is before \(RFC3339.format(instant))")
            }
            return single.status
        }
        throw PKIError.malformed(what: "OCSP response", reason: "no answer for this certificate's serial number and issuer")
    }

    /// `OCSPResponse { responseStatus, [0] ResponseBytes { id-pkix-ocsp-basic, OCTET STRING } }` → the basic response.
    static func basicResponse(_ root: ASN1Node) throws -> ASN1Node {
        let inner: [UInt8] = try DER.sequence(root, identifier: .sequence) { nodes in
            let status = try Int(derEncoded: try next(&nodes, "responseStatus"), withIdentifier: .enumerated)
            guard status == 0 else {
                let names = [1: "malformedRequest", 2: "internalError", 3: "tryLater", 5: "sigRequired", 6: "unauthorized"]
                throw PKIError.malformed(what: "OCSP response", reason: "the responder answered \(names[status] ?? "status \(status)")")
            }
            return try DER.explicitlyTagged(try next(&nodes, "responseBytes"), tagNumber: 0, tagClass: .contextSpecific) { bytes in
                try DER.sequence(bytes, identifier: .sequence) { parts in
                    guard try ASN1ObjectIdentifier(derEncoded: try next(&parts, "responseType")) == basicResponseType else {
                        throw PKIError.malformed(what: "OCSP response", reason: "not a basic OCSP response")
                    }
                    return Array(try ASN1OctetString(derEncoded: try next(&parts, "response")).bytes)
                }
            }
        }
        return try DER.parse(inner)
    }

    /// `BasicOCSPResponse { tbsResponseData, signatureAlgorithm, signature, [0] certs }`.
    static func envelope(_ node: ASN1Node) throws -> (ASN1Node, SignatureAlgorithm, [UInt8], [X509Certificate]) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let tbs = try next(&nodes, "tbsResponseData")
            let algorithm = try SignatureAlgorithm(algorithmIdentifier: try next(&nodes, "signatureAlgorithm"))
            let bits = try ASN1BitString(derEncoded: try next(&nodes, "signature"))
            var certificates: [X509Certificate] = []
            if let certs = nodes.next() {
                certificates = try DER.explicitlyTagged(certs, tagNumber: 0, tagClass: .contextSpecific) { list in
                    try DER.sequence(of: ASN1Any.self, identifier: .sequence, rootNode: list).prefix(maxCertificates + 1).map {
                        var serializer = DER.Serializer()
                        try serializer.serialize($0)
                        return try X509Certificate(derEncoded: serializer.serializedBytes)
                    }
                }
                guard certificates.count <= maxCertificates else {
                    throw PKIError.malformed(what: "OCSP response", reason: "more than \(maxCertificates) certificates")
                }
            }
            return (tbs, algorithm, Array(bits.bytes), certificates)
        }
    }

    /// The certificate whose key signed the response: the issuer, or a certificate of the response the issuer signed
    /// for OCSP signing (valid at the instant), matching the responder ID.
    static func signer(of data: ResponseData, issuer: X509Certificate, certificates: [X509Certificate], at instant: Date) throws
        -> X509Certificate
    {
        for candidate in [issuer] + certificates where data.responder.names(candidate) {
            if candidate.derBytes == issuer.derBytes { return issuer }
            guard let key = try? issuer.publicKey(), candidate.isSignatureValid(key: key), candidate.isValid(at: instant),
                isOCSPSigner(candidate)
            else { continue }
            return candidate
        }
        throw PKIError.malformed(
            what: "OCSP response", reason: "not signed by '\(issuer.subjectCommonName ?? "the issuer")' or a responder it delegated")
    }

    /// Whether the certificate's extended key usage includes id-kp-OCSPSigning.
    static func isOCSPSigner(_ certificate: X509Certificate) -> Bool {
        guard let usage = certificate.extension("2.5.29.37"), let node = try? DER.parse(usage.value),
            let purposes = try? DER.sequence(of: ASN1ObjectIdentifier.self, identifier: .sequence, rootNode: node)
        else { return false }
        return purposes.contains(ocspSigningPurpose)
    }

    static func next(_ nodes: inout ASN1NodeCollection.Iterator, _ field: String) throws -> ASN1Node {
        guard let node = nodes.next() else { throw PKIError.malformed(what: "OCSP response", reason: "no \(field)") }
        return node
    }
}
