public import AttestationCore
import Crypto
public import Foundation
import SwiftASN1
import X509

/// Mints self-signed certificates whose evidence binds their key: Assay's CMW collection for every TEE and, when
/// the TEE has DCAP quotes, TCG tagged evidence too (the format Gramine, Intel's SGX SDK and rats-tls verify).
public struct AttestedCertificateIssuer: Sendable {
    /// The certificate's key.
    public let key: AttestedTLSKey
    /// Where evidence comes from.
    public let source: any EvidenceSource
    /// dNSNames of the subjectAltName (the first is also the CN).
    public let hostnames: [String]
    /// How long a certificate is valid.
    public let lifetime: TimeInterval

    /// A day: a static certificate is re-minted with fresh evidence at least this often (fresh mode mints per nonce).
    public static let defaultLifetime: TimeInterval = 24 * 3600

    public init(key: AttestedTLSKey, source: any EvidenceSource, hostnames: [String] = ["localhost"], lifetime: TimeInterval = defaultLifetime) {
        self.key = key
        self.source = source
        self.hostnames = hostnames
        self.lifetime = lifetime
    }

    /// A certificate whose claims carry `nonce` (fresh mode), the peer's key hash (mutual mode) and, in passport
    /// mode, the EAR token the workload got for this key.
    public func issue(
        nonce: [UInt8]? = nil, peer: KeyBindingClaims.KeyHash? = nil, token: String? = nil, now: Date = Date()
    ) async throws -> IssuedCertificate {
        let claims = KeyBindingClaims(publicKeyHash: .init(of: key.spki), nonce: nonce, peerPublicKeyHash: peer)
        let evidence = try await source.evidence(bindingRuntimeData: try RuntimeData(bytes: claims.encoded))
        let cmw = AssayCMW(evidence: evidence, claims: claims, token: token)
        var tagged: TaggedEvidence?
        if let quote = try await source.quote(reportData: Array(SHA256.hash(data: claims.encoded)) + [UInt8](repeating: 0, count: 32)) {
            tagged = TaggedEvidence(evidence: quote, claims: claims)
        }
        do {
            let name = try DistinguishedName {
                OrganizationName("Assay attested TLS")
                CommonName(hostnames.first ?? "localhost")
            }
            var extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(hostnames.map { GeneralName.dnsName($0) })
            }
            try extensions.append(
                Certificate.Extension(oid: try ASN1ObjectIdentifier(dotRepresentation: EvidenceCarrier.cmw.oid), critical: false, value: cmw.wrapper.encoded[...]))
            if let tagged {
                try extensions.append(
                    Certificate.Extension(
                        oid: try ASN1ObjectIdentifier(dotRepresentation: EvidenceCarrier.tcgTaggedEvidence.oid), critical: false,
                        value: tagged.encoded[...]))
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.certificatePublicKey,
                notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(lifetime), issuer: name,
                subject: name, signatureAlgorithm: key.signatureAlgorithm, extensions: extensions,
                issuerPrivateKey: key.certificatePrivateKey)
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return IssuedCertificate(der: serializer.serializedBytes, key: key, evidence: evidence)
        } catch {
            throw AttestedTLSError.issuance("\(error)")
        }
    }
}

/// A minted certificate with its key.
public struct IssuedCertificate: Sendable {
    /// The certificate, DER.
    public let der: [UInt8]
    /// Its key.
    public let key: AttestedTLSKey
    /// The evidence in its CMW collection.
    public let evidence: Evidence

    /// The certificate as PEM.
    public var pem: String { PEM.encode(der, label: "CERTIFICATE") }
}
