import AttestationCore
import Crypto
import Foundation
import PKI
import SwiftASN1
public import X509

/// An X.509 certificate met in DCAP (PCK chain, TCB signing chain, CRL issuers) with its exact DER bytes, and
/// what verification asks of it on every quote worked out once, when it is parsed: names as DER and text, the
/// public key (SubjectPublicKeyInfo DER and P-256 key), CA constraints, serial number and validity.
///
/// A class, so that the certificates of a cached chain or collateral set are shared rather than copied.
public final class DCAPCertificate: Sendable, Hashable {
    /// The parsed certificate.
    public let certificate: Certificate
    /// The exact DER bytes.
    public let der: [UInt8]
    /// Where it came from, for messages.
    public let source: String
    /// The subject, as text.
    public let subject: String
    /// The subject's common name (or the whole subject when it has none).
    public let commonName: String
    /// The subject and issuer names in DER, for matching issuers and CRLs.
    let subjectDER: [UInt8]
    let issuerDER: [UInt8]
    /// The SubjectPublicKeyInfo in DER (a cache key for signature results).
    let publicKeyInfo: [UInt8]
    /// The public key, when it is a P-256 key (every DCAP certificate's is).
    let p256Key: P256.Signing.PublicKey?
    /// Basic constraints: whether it is a CA, and its path length limit.
    let isCertificateAuthority: Bool
    let maxPathLength: Int?
    /// Whether key usage, when present, lets it sign certificates (false when the extension does not parse).
    let maySignCertificates: Bool
    /// The constraint extensions that do not parse, with why (each makes the certificate unable to issue).
    let malformedExtensions: [String]
    /// The serial number's bytes.
    let serialNumber: [UInt8]
    /// The same certificate as PKI reads it, for path building.
    let x509: X509Certificate

    /// Parses a DER certificate.
    init(der: [UInt8], source: String) throws {
        do {
            certificate = try Certificate(derEncoded: der)
            subjectDER = try Self.der(certificate.subject)
            issuerDER = try Self.der(certificate.issuer)
            x509 = try X509Certificate(derEncoded: der)
        } catch {
            throw DCAPError.malformedCollateral(source: source, reason: "not a valid X.509 certificate (\(error))")
        }
        self.der = der
        self.source = source
        subject = certificate.subject.description
        commonName = Self.commonName(certificate.subject) ?? certificate.subject.description
        publicKeyInfo = Array(certificate.publicKey.subjectPublicKeyInfoBytes)
        p256Key = P256.Signing.PublicKey(certificate.publicKey)
        // A malformed basicConstraints or keyUsage extension fails closed: the certificate may not issue others.
        var malformed: [String] = []
        do {
            if case .isCertificateAuthority(let limit) = try certificate.extensions.basicConstraints {
                isCertificateAuthority = true
                maxPathLength = limit
            } else {
                isCertificateAuthority = false
                maxPathLength = nil
            }
        } catch {
            malformed.append("basicConstraints (\(error))")
            isCertificateAuthority = false
            maxPathLength = nil
        }
        do {
            maySignCertificates = try certificate.extensions.keyUsage?.keyCertSign ?? true
        } catch {
            malformed.append("keyUsage (\(error))")
            maySignCertificates = false
        }
        malformedExtensions = malformed
        serialNumber = Array(certificate.serialNumber.bytes)
    }

    static func der(_ name: DistinguishedName) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(name)
        return serializer.serializedBytes
    }

    static func commonName(_ name: DistinguishedName) -> String? {
        for relativeName in name {
            for attribute in relativeName where attribute.type == .RDNAttributeType.commonName {
                return attribute.value.description
            }
        }
        return nil
    }

    /// Whether the certificate names itself as its issuer (a root).
    var isSelfIssued: Bool { subjectDER == issuerDER }

    /// Whether the certificate is valid at `instant`.
    func isValid(at instant: Date) -> Bool {
        certificate.notValidBefore <= instant && instant <= certificate.notValidAfter
    }

    /// `subject, valid notBefore to notAfter` for messages.
    var summary: String {
        "\(subject), valid \(RFC3339.format(certificate.notValidBefore)) to \(RFC3339.format(certificate.notValidAfter))"
    }

    public static func == (lhs: DCAPCertificate, rhs: DCAPCertificate) -> Bool { lhs === rhs || lhs.der == rhs.der }

    public func hash(into hasher: inout Hasher) { hasher.combine(ExactBytes(der)) }
}
