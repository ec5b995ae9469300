import Crypto
import Foundation
import SwiftASN1

/// The signed part of a basic OCSP response (RFC 6960 §4.2.1): who responded and one answer per certificate.
struct ResponseData {
    /// Most answers read from one response.
    static let maxResponses = 64

    /// `ResponderID`: the responder's name, or the SHA-1 of its public key.
    enum Responder {
        case name([UInt8])
        case keyHash([UInt8])

        /// Whether `certificate` is the responder this ID names.
        func names(_ certificate: X509Certificate) -> Bool {
            switch self {
            case .name(let bytes): return bytes == certificate.subjectBytes
            case .keyHash(let hash):
                guard let bits = try? OCSPCertID.publicKeyBits(certificate) else { return false }
                return Array(Insecure.SHA1.hash(data: bits)) == hash
            }
        }
    }

    /// One `SingleResponse`; `certID` is nil when it names a hash algorithm Assay does not accept.
    struct Single {
        let certID: OCSPCertID?
        let status: OCSPCertificateStatus
        let thisUpdate: Date
        let nextUpdate: Date?
    }

    let responder: Responder
    let responses: [Single]

    init(_ node: ASN1Node) throws {
        (responder, responses) = try DER.sequence(node, identifier: .sequence) { nodes in
            var element = try OCSPResponse.next(&nodes, "responderID")
            if element.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                element = try OCSPResponse.next(&nodes, "responderID")
            }
            let responder: Responder
            switch element.identifier {
            case ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific):
                responder = .name(try DER.explicitlyTagged(element, tagNumber: 1, tagClass: .contextSpecific) { Array($0.encodedBytes) })
            case ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific):
                responder = .keyHash(
                    try DER.explicitlyTagged(element, tagNumber: 2, tagClass: .contextSpecific) { Array(try ASN1OctetString(derEncoded: $0).bytes) })
            default:
                throw PKIError.malformed(what: "OCSP response data", reason: "responderID is neither byName nor byKey")
            }
            _ = try GeneralizedTime(derEncoded: try OCSPResponse.next(&nodes, "producedAt"))
            let list = try OCSPResponse.next(&nodes, "responses")
            let responses: [Single] = try DER.sequence(list, identifier: .sequence) { items in
                var singles: [Single] = []
                while let item = items.next() {
                    guard singles.count < Self.maxResponses else {
                        throw PKIError.malformed(what: "OCSP response data", reason: "more than \(Self.maxResponses) responses")
                    }
                    singles.append(try Self.single(item))
                }
                return singles
            }
            while nodes.next() != nil {}
            return (responder, responses)
        }
    }

    /// `SingleResponse { certID, certStatus, thisUpdate, [0] nextUpdate, [1] singleExtensions }`.
    static func single(_ node: ASN1Node) throws -> Single {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let certID = try OCSPCertID(node: try OCSPResponse.next(&nodes, "certID"))
            let statusNode = try OCSPResponse.next(&nodes, "certStatus")
            let thisUpdate = try ASN1Time.date(from: try OCSPResponse.next(&nodes, "thisUpdate"))
            var nextUpdate: Date?
            while let optional = nodes.next() {
                if optional.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                    nextUpdate = try DER.explicitlyTagged(optional, tagNumber: 0, tagClass: .contextSpecific) { try ASN1Time.date(from: $0) }
                }
            }
            let status: OCSPCertificateStatus
            switch statusNode.identifier {
            case ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific):
                status = .good(thisUpdate: thisUpdate, nextUpdate: nextUpdate)
            case ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific):
                status = try Self.revoked(statusNode)
            case ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific):
                status = .unknown
            default:
                throw PKIError.malformed(what: "OCSP single response", reason: "certStatus is not good, revoked or unknown")
            }
            return Single(certID: certID, status: status, thisUpdate: thisUpdate, nextUpdate: nextUpdate)
        }
    }

    /// `[1] IMPLICIT RevokedInfo { revocationTime, [0] EXPLICIT CRLReason OPTIONAL }`.
    static func revoked(_ node: ASN1Node) throws -> OCSPCertificateStatus {
        guard case .constructed(let children) = node.content else {
            throw PKIError.malformed(what: "OCSP single response", reason: "revoked info is not constructed")
        }
        var nodes = children.makeIterator()
        let time = try ASN1Time.date(from: try OCSPResponse.next(&nodes, "revocationTime"))
        var reason: Int?
        if let tagged = nodes.next() {
            reason = try DER.explicitlyTagged(tagged, tagNumber: 0, tagClass: .contextSpecific) {
                try Int(derEncoded: $0, withIdentifier: .enumerated)
            }
        }
        return .revoked(time: time, reason: reason)
    }
}
