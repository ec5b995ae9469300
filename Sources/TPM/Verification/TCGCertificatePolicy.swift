public import Foundation
public import PKI
import SwiftASN1
import X509

/// RFC 5280 path checks for TCG EK and AK certificates, which have an empty subject and a critical subjectAltName
/// holding the TPM manufacturer, model and version as a directoryName (TCG EK Credential Profile §3.2.9): that
/// extension is understood, and a leaf's must parse.
public struct TCGCertificatePolicy: CertificatePathPolicy {
    /// subjectAltName.
    static let subjectAlternativeName = "2.5.29.17"

    let rfc5280 = RFC5280PathPolicy(understoodCriticalExtensions: [Self.subjectAlternativeName])

    public init() {}

    public func problems(with certificate: X509Certificate, at position: Int, instant: Date) -> [String] {
        var problems = rfc5280.problems(with: certificate, at: position, instant: instant)
        if position == 0, let names = certificate.extension(Self.subjectAlternativeName) {
            do {
                _ = try SubjectAlternativeNames(
                    Certificate.Extension(
                        oid: .X509ExtensionID.subjectAlternativeName, critical: names.critical, value: names.value[...]))
            } catch {
                problems.append("the leaf's subjectAltName is malformed: \(error)")
            }
        }
        return problems
    }
}
