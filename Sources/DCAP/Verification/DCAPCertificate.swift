import AttestationCore
import Foundation
public import X509

/// An X.509 certificate met in DCAP (PCK chain, TCB signing chain, CRL issuers) with its exact DER bytes.
public struct DCAPCertificate: Sendable, Hashable {
    /// The parsed certificate.
    public let certificate: Certificate
    /// The exact DER bytes.
    public let der: [UInt8]
    /// Where it came from, for messages.
    public let source: String

    /// Parses a DER certificate.
    init(der: [UInt8], source: String) throws {
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw DCAPError.malformedCollateral(source: source, reason: "not a valid X.509 certificate (\(error))")
        }
        self.der = der
        self.source = source
    }

    /// The subject, as text.
    public var subject: String { certificate.subject.description }

    /// The subject's common name (or the whole subject when it has none).
    public var commonName: String {
        for relativeName in certificate.subject {
            for attribute in relativeName where attribute.type == .RDNAttributeType.commonName {
                return attribute.value.description
            }
        }
        return subject
    }

    /// Whether the certificate is valid at `instant`.
    func isValid(at instant: Date) -> Bool {
        certificate.notValidBefore <= instant && instant <= certificate.notValidAfter
    }

    /// `subject, valid notBefore to notAfter` for messages.
    var summary: String {
        "\(subject), valid \(RFC3339.format(certificate.notValidBefore)) to \(RFC3339.format(certificate.notValidAfter))"
    }
}
