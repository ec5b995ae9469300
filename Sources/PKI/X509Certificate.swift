public import Foundation
import SwiftASN1

/// A minimal X.509 v3 certificate reader that keeps the exact signed bytes and accepts RSASSA-PSS.
///
/// swift-certificates refuses PSS-signed certificates at parse time (ARCHITECTURE.md §10), and AMD's ARK, ASK/ASVK
/// and every VCEK/VLEK are PSS-signed, with serial number 0 on the leaves. This reader extracts what a chain check
/// needs — TBS bytes, both signature algorithms (which must agree), serial, names, validity, the public key and the
/// extensions — and judges nothing: trust decisions belong to the caller.
public struct X509Certificate: Sendable, Hashable {
    /// Largest certificate accepted (AMD's RSA-4096 certificates are about 1.6 KiB).
    public static let maxBytes = 64 * 1024
    /// Most extensions read from one certificate.
    public static let maxExtensions = 64

    /// One extension: its OID (dotted), criticality and the content of `extnValue`.
    public struct Extension: Sendable, Hashable {
        /// The extension's OID in dotted form (`2.5.29.19`, `1.3.6.1.4.1.3704.1.4`).
        public let oid: String
        /// Whether the extension is marked critical.
        public let critical: Bool
        /// The bytes inside the `extnValue` OCTET STRING (usually DER, not always: see AMD's hwID).
        public let value: [UInt8]
    }

    /// `basicConstraints` (RFC 5280 §4.2.1.9).
    public struct BasicConstraints: Sendable, Hashable {
        /// Whether the subject is a CA.
        public let isCA: Bool
        /// `pathLenConstraint`, if present.
        public let pathLength: Int?
    }

    /// `keyUsage` bits (RFC 5280 §4.2.1.3), bit 0 = digitalSignature … bit 8 = decipherOnly.
    public struct KeyUsage: Sendable, Hashable {
        /// The bits as a mask: bit n of the ASN.1 BIT STRING is `1 << n`.
        public let mask: UInt16
        /// `digitalSignature` (bit 0).
        public var digitalSignature: Bool { mask & 1 != 0 }
        /// `keyCertSign` (bit 5).
        public var keyCertSign: Bool { mask & (1 << 5) != 0 }
        /// `cRLSign` (bit 6).
        public var crlSign: Bool { mask & (1 << 6) != 0 }
    }

    /// The whole certificate, DER.
    public let derBytes: [UInt8]
    /// The DER bytes of `tbsCertificate`, which the signature covers.
    public let tbsBytes: [UInt8]
    /// The signature algorithm (the outer AlgorithmIdentifier, equal to the inner one).
    public let signatureAlgorithm: SignatureAlgorithm
    /// The signature octets.
    public let signature: [UInt8]
    /// The serial number's magnitude, big-endian, without leading zeros (empty for serial 0).
    public let serialNumber: [UInt8]
    /// The DER bytes of the issuer Name.
    public let issuerBytes: [UInt8]
    /// The DER bytes of the subject Name.
    public let subjectBytes: [UInt8]
    /// The issuer's common name, if it has one.
    public let issuerCommonName: String?
    /// The subject's common name, if it has one.
    public let subjectCommonName: String?
    /// `notBefore`.
    public let notBefore: Date
    /// `notAfter`.
    public let notAfter: Date
    /// The DER SubjectPublicKeyInfo.
    public let subjectPublicKeyInfo: [UInt8]
    /// The extensions, in certificate order.
    public let extensions: [Extension]

    static let commonNameOID: ASN1ObjectIdentifier = [2, 5, 4, 3]
    static let basicConstraintsOID = "2.5.29.19"
    static let keyUsageOID = "2.5.29.15"

    /// Parses a DER certificate.
    public init(derEncoded bytes: [UInt8]) throws {
        let (envelope, tbs) = try PKIError.wrapping("certificate") {
            let envelope = try SignedEnvelope(derEncoded: bytes, what: "certificate", maxBytes: Self.maxBytes)
            return (envelope, try TBS(envelope.tbs))
        }
        guard tbs.algorithm == envelope.algorithm else {
            throw PKIError.malformed(what: "certificate", reason: "inner and outer signature algorithms differ")
        }
        derBytes = bytes
        tbsBytes = Array(envelope.tbs.encodedBytes)
        signatureAlgorithm = envelope.algorithm
        signature = envelope.signature
        serialNumber = tbs.serial
        issuerBytes = tbs.issuer
        subjectBytes = tbs.subject
        issuerCommonName = tbs.issuerCN
        subjectCommonName = tbs.subjectCN
        notBefore = tbs.notBefore
        notAfter = tbs.notAfter
        subjectPublicKeyInfo = tbs.spki
        extensions = tbs.extensions
    }

    /// The fields of `tbsCertificate`.
    struct TBS {
        var algorithm: SignatureAlgorithm
        var serial: [UInt8]
        var issuer: [UInt8]
        var subject: [UInt8]
        var issuerCN: String?
        var subjectCN: String?
        var notBefore: Date
        var notAfter: Date
        var spki: [UInt8]
        var extensions: [Extension] = []

        init(_ node: ASN1Node) throws {
            self = try DER.sequence(node, identifier: .sequence) { nodes in
                let version = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                    try Int(derEncoded: $0)
                }
                guard version == 2 else {
                    throw PKIError.malformed(what: "certificate", reason: "version must be v3, got \(version.map { "v\($0 + 1)" } ?? "v1")")
                }
                guard let serialNode = nodes.next(), let algorithmNode = nodes.next(), let issuerNode = nodes.next(),
                    let validityNode = nodes.next(), let subjectNode = nodes.next(), let spkiNode = nodes.next()
                else {
                    throw PKIError.malformed(what: "certificate", reason: "TBSCertificate is incomplete")
                }
                let serial = CertificateRevocationList.normalized(Array(try ArraySlice<UInt8>(derEncoded: serialNode)))
                let validity = try DER.sequence(validityNode, identifier: .sequence) { times -> (Date, Date) in
                    guard let start = times.next(), let end = times.next() else {
                        throw PKIError.malformed(what: "certificate", reason: "Validity needs two times")
                    }
                    return (try ASN1Time.date(from: start), try ASN1Time.date(from: end))
                }
                var tbs = TBS(
                    algorithm: try SignatureAlgorithm(algorithmIdentifier: algorithmNode), serial: serial,
                    issuer: Array(issuerNode.encodedBytes), subject: Array(subjectNode.encodedBytes),
                    issuerCN: try X509Certificate.commonName(issuerNode),
                    subjectCN: try X509Certificate.commonName(subjectNode), notBefore: validity.0,
                    notAfter: validity.1, spki: Array(spkiNode.encodedBytes))
                while let next = nodes.next() {
                    // issuerUniqueID [1] and subjectUniqueID [2] are skipped; extensions are [3].
                    guard next.identifier == ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific) else { continue }
                    tbs.extensions = try X509Certificate.extensions(next)
                }
                return tbs
            }
        }

        init(
            algorithm: SignatureAlgorithm, serial: [UInt8], issuer: [UInt8], subject: [UInt8], issuerCN: String?,
            subjectCN: String?, notBefore: Date, notAfter: Date, spki: [UInt8]
        ) {
            self.algorithm = algorithm
            self.serial = serial
            self.issuer = issuer
            self.subject = subject
            self.issuerCN = issuerCN
            self.subjectCN = subjectCN
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.spki = spki
        }
    }

    static func extensions(_ tagged: ASN1Node) throws -> [Extension] {
        guard case .constructed(let children) = tagged.content, let list = children.first(where: { _ in true }) else {
            throw PKIError.malformed(what: "certificate", reason: "empty extensions field")
        }
        return try DER.sequence(list, identifier: .sequence) { nodes in
            var result: [Extension] = []
            while let node = nodes.next() {
                guard result.count < maxExtensions else {
                    throw PKIError.malformed(what: "certificate", reason: "more than \(maxExtensions) extensions")
                }
                result.append(
                    try DER.sequence(node, identifier: .sequence) { fields in
                        guard let oidNode = fields.next(), var valueNode = fields.next() else {
                            throw PKIError.malformed(what: "certificate", reason: "incomplete extension")
                        }
                        var critical = false
                        if valueNode.identifier == .boolean {
                            critical = try Bool(derEncoded: valueNode)
                            guard let next = fields.next() else {
                                throw PKIError.malformed(what: "certificate", reason: "extension without a value")
                            }
                            valueNode = next
                        }
                        let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
                        return Extension(
                            oid: oid.description, critical: critical,
                            value: Array(try ASN1OctetString(derEncoded: valueNode).bytes))
                    })
            }
            return result
        }
    }

    /// The first common name in a Name, if any (UTF8String, PrintableString or IA5String).
    static func commonName(_ name: ASN1Node) throws -> String? {
        try DER.sequence(name, identifier: .sequence) { rdns in
            var found: String?
            while let rdn = rdns.next() {
                try DER.set(rdn, identifier: .set) { attributes in
                    while let attribute = attributes.next() {
                        try DER.sequence(attribute, identifier: .sequence) { pair in
                            guard let typeNode = pair.next(), let valueNode = pair.next() else {
                                throw PKIError.malformed(what: "Name", reason: "incomplete attribute")
                            }
                            if found == nil, try ASN1ObjectIdentifier(derEncoded: typeNode) == commonNameOID,
                                case .primitive(let content) = valueNode.content
                            {
                                found = String(decoding: content, as: UTF8.self)
                            }
                        }
                    }
                }
            }
            return found
        }
    }

    /// The extension with this OID, if present.
    public func `extension`(_ oid: String) -> Extension? {
        extensions.first { $0.oid == oid }
    }

    /// `basicConstraints`, if present.
    public func basicConstraints() throws -> BasicConstraints? {
        guard let ext = `extension`(Self.basicConstraintsOID) else { return nil }
        do {
            return try DER.sequence(try DER.parse(ext.value), identifier: .sequence) { nodes in
                var isCA = false
                var next = nodes.next()
                if let node = next, node.identifier == .boolean {
                    isCA = try Bool(derEncoded: node)
                    next = nodes.next()
                }
                let pathLength = try next.map { try Int(derEncoded: $0) }
                return BasicConstraints(isCA: isCA, pathLength: pathLength)
            }
        } catch {
            throw PKIError.malformed(what: "basicConstraints extension", reason: "\(error)")
        }
    }

    /// `keyUsage`, if present.
    public func keyUsage() throws -> KeyUsage? {
        guard let ext = `extension`(Self.keyUsageOID) else { return nil }
        do {
            let bits = try ASN1BitString(derEncoded: try DER.parse(ext.value))
            var mask: UInt16 = 0
            for (index, byte) in bits.bytes.prefix(2).enumerated() {
                for bit in 0..<8 where byte & (0x80 >> bit) != 0 { mask |= 1 << (index * 8 + bit) }
            }
            return KeyUsage(mask: mask)
        } catch {
            throw PKIError.malformed(what: "keyUsage extension", reason: "\(error)")
        }
    }

    /// The subject public key.
    public func publicKey() throws -> VerificationKey {
        try VerificationKey(subjectPublicKeyInfo: subjectPublicKeyInfo)
    }

    /// Whether the certificate is valid at `instant` (notBefore ≤ instant ≤ notAfter).
    public func isValid(at instant: Date) -> Bool {
        notBefore <= instant && instant <= notAfter
    }

    /// Whether `key` (the issuer's) signed this certificate.
    public func isSignatureValid(key: VerificationKey) -> Bool {
        signatureAlgorithm.isValidSignature(signature, over: tbsBytes, key: key)
    }

    /// Whether the subject and issuer names are byte-identical (a self-issued certificate).
    public var isSelfIssued: Bool { subjectBytes == issuerBytes }
}
