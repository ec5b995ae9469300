import Crypto
import Foundation
import PKI
import SwiftASN1
import X509

/// A certificate subject with a fresh P-256 key that issues certificates (built with swift-certificates, read
/// back with PKI's ``X509Certificate``), for path-building tests.
struct TestAuthority {
    let key = P256.Signing.PrivateKey()
    let name: DistinguishedName

    init(_ common: String) throws {
        name = try DistinguishedName { CommonName(common) }
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A certificate for `subject` (its name and key) issued by this authority.
    func issue(
        _ subject: TestAuthority, isCA: Bool = true, pathLength: Int? = nil, keyCertSign: Bool? = nil,
        notBefore: Date = now - 86400, notAfter: Date = now + 86400, dnsName: String? = nil,
        criticalOID: ASN1ObjectIdentifier? = nil, issuerName: DistinguishedName? = nil
    ) throws -> X509Certificate {
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(subject.key.publicKey), notValidBefore: notBefore,
            notValidAfter: notAfter, issuer: issuerName ?? name, subject: subject.name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                if isCA { Critical(BasicConstraints.isCertificateAuthority(maxPathLength: pathLength)) }
                if let keyCertSign {
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: keyCertSign))
                }
                if let dnsName { SubjectAlternativeNames([.dnsName(dnsName)]) }
                if let criticalOID { Certificate.Extension(oid: criticalOID, critical: true, value: [0x05, 0x00]) }
            }, issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return try X509Certificate(derEncoded: serializer.serializedBytes)
    }

    /// This authority's self-signed certificate.
    func root(notBefore: Date = now - 86400, notAfter: Date = now + 86400) throws -> X509Certificate {
        try issue(self, notBefore: notBefore, notAfter: notAfter)
    }
}
