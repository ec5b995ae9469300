public import AttestationCore
import CBOR
import Crypto
public import PKI
import SwiftASN1

/// The evidence a certificate carries, how it should bind the certificate's key, and which key it names.
///
/// Reading is separate from judging: this says what the certificate claims; ``AttestedPeerVerifier`` checks it.
public struct CertificateEvidence: Sendable {
    /// The certificate.
    public let certificate: X509Certificate
    /// Which extension the judged evidence came from (the first in ``EvidenceCarrier/precedence``).
    public let carrier: EvidenceCarrier
    /// The evidence to verify.
    public let evidence: Evidence
    /// The report data the evidence must carry for the binding to hold.
    public let expectedReportData: ExpectedReportData
    /// The runtime data handed to the appraisal (the claims bytes, for the carriers that have them).
    public let runtimeData: RuntimeData?
    /// The key-binding claims, for the carriers that have them (CMW, TCG tagged evidence).
    public let claims: KeyBindingClaims?
    /// The EAR token of passport mode (CMW collection item `ear`).
    public let token: String?
    /// Every carrier present in the certificate.
    public let carriersPresent: [EvidenceCarrier]

    /// Reads a DER certificate.
    public init(certificateDER der: [UInt8]) throws {
        let certificate: X509Certificate
        do { certificate = try X509Certificate(derEncoded: der) } catch {
            throw AttestedTLSError.malformedCertificate("\(error)")
        }
        try self.init(certificate)
    }

    public init(_ certificate: X509Certificate) throws {
        self.certificate = certificate
        let nitroDocument = try Self.nitroDocument(in: certificate)
        let present = EvidenceCarrier.precedence.filter { carrier in
            carrier == .nitroSubjectAltName ? nitroDocument != nil : certificate.extension(carrier.oid) != nil
        }
        carriersPresent = present
        guard let carrier = present.first else { throw AttestedTLSError.noEvidence }
        self.carrier = carrier
        let spki = certificate.subjectPublicKeyInfo
        var token: String?
        switch carrier {
        case .cmw:
            let wrapper = try CMW(cbor: certificate.extension(carrier.oid)?.value ?? [])
            let found = try AssayCMW(wrapper)
            evidence = found.evidence
            claims = found.claims
            token = found.token
            let runtime = try RuntimeData(bytes: found.claimsBytes)
            runtimeData = runtime
            expectedReportData = .runtimeData(runtime)
        case .tcgTaggedEvidence:
            let tagged = try TaggedEvidence(cbor: certificate.extension(carrier.oid)?.value ?? [])
            evidence = Evidence(tee: try QuoteKind.tee(of: tagged.evidence, carrier: carrier), bytes: tagged.evidence)
            claims = tagged.claims
            runtimeData = try RuntimeData(bytes: tagged.claimsBytes)
            expectedReportData = .exact(Array(SHA256.hash(data: tagged.claimsBytes)))
        case .gramineLegacy, .intelSDKLegacy:
            let quote = certificate.extension(carrier.oid)?.value ?? []
            evidence = Evidence(tee: try QuoteKind.tee(of: quote, carrier: carrier), bytes: quote)
            claims = nil
            runtimeData = nil
            expectedReportData = .exact(Array(SHA256.hash(data: spki)))
        case .nitroSubjectAltName:
            evidence = Evidence(tee: .nitro, bytes: nitroDocument ?? [])
            claims = nil
            runtimeData = nil
            expectedReportData = .exact(spki)
        }
        self.token = token
    }

    /// What the binding requires, for results: `{"carrier", "key_hash"|"report_data", …}`.
    public var bindingDescription: [String: JSONValue] {
        var members: [String: JSONValue] = ["carrier": .string(carrier.description)]
        if let claims {
            members["key_hash"] = .string(claims.publicKeyHash.description)
            if let nonce = claims.nonce { members["nonce"] = .string(Hex.encode(nonce)) }
            if let peer = claims.peerPublicKeyHash { members["peer_key_hash"] = .string(peer.description) }
        }
        switch carrier {
        case .cmw: members["rule"] = .string("report data = the TEE's binding of the CBOR key-binding claims")
        case .tcgTaggedEvidence: members["rule"] = .string("report_data[0:32] = SHA-256(claims)")
        case .gramineLegacy, .intelSDKLegacy: members["rule"] = .string("report_data[0:32] = SHA-256(SPKI DER)")
        case .nitroSubjectAltName: members["rule"] = .string("user_data = SPKI DER")
        }
        members["spki_sha256"] = .string(Hex.encode(SHA256.hash(data: certificate.subjectPublicKeyInfo)))
        if token != nil { members["passport"] = .bool(true) }
        return members
    }

    /// Longest dNSName label read as a Nitro document (a document with a chain is ~5 KiB, 10 KiB in hex).
    static let maxNitroDocumentHex = 64 * 1024

    /// The Nitro attestation document carried hex-encoded as the first label of a subjectAltName dNSName, if any.
    static func nitroDocument(in certificate: X509Certificate) throws -> [UInt8]? {
        guard let extensionValue = certificate.extension(EvidenceCarrier.nitroSubjectAltName.oid)?.value else { return nil }
        let names: [String]
        do {
            let root = try DER.parse(extensionValue)
            guard case .constructed(let nodes) = root.content else { return nil }
            names = nodes.compactMap { node -> String? in
                guard node.identifier == ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific),
                    case .primitive(let bytes) = node.content
                else { return nil }
                return String(decoding: bytes, as: UTF8.self)
            }
        } catch {
            throw AttestedTLSError.malformedExtension(carrier: "subjectAltName", reason: "\(error)")
        }
        for name in names {
            guard let label = name.split(separator: ".", maxSplits: 1).first, label.count >= 64,
                label.count <= maxNitroDocumentHex, label.count % 2 == 0,
                let bytes = try? Hex.decode(String(label)),
                // A COSE_Sign1: tag 18 (0xD2) or an untagged array of four (0x84).
                bytes.first == 0xD2 || bytes.first == 0x84
            else { continue }
            return bytes
        }
        return nil
    }
}
