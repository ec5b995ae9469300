import AttestationCore
public import Foundation

/// The RFC 5280 §6.1 checks a path needs of each certificate: valid at the instant; every issuer a CA
/// (basicConstraints cA) within its pathLenConstraint and, when it has keyUsage, allowed keyCertSign; and no
/// critical extension the caller does not understand.
public struct RFC5280PathPolicy: CertificatePathPolicy {
    /// The extensions this policy itself evaluates: basicConstraints and keyUsage.
    public static let evaluatedExtensions: Set<String> = ["2.5.29.19", "2.5.29.15"]

    /// OIDs (dotted) of critical extensions that may appear: ``evaluatedExtensions`` plus the caller's.
    public let understoodCriticalExtensions: Set<String>

    /// A policy that also accepts `understood` critical extensions, which the caller checks itself.
    public init(understoodCriticalExtensions understood: Set<String> = []) {
        understoodCriticalExtensions = Self.evaluatedExtensions.union(understood)
    }

    public func problems(with certificate: X509Certificate, at position: Int, instant: Date) -> [String] {
        let name = certificate.subjectCommonName.map { "'\($0)'" } ?? "the certificate at position \(position)"
        var problems: [String] = []
        if !certificate.isValid(at: instant) {
            problems.append(
                "\(name) is not valid at \(RFC3339.format(instant)) (valid \(RFC3339.format(certificate.notBefore)) to \(RFC3339.format(certificate.notAfter)))")
        }
        for unknown in certificate.extensions where unknown.critical && !understoodCriticalExtensions.contains(unknown.oid) {
            problems.append("\(name) has a critical extension \(unknown.oid) that is not understood")
        }
        guard position > 0 else { return problems }
        do {
            let constraints = try certificate.basicConstraints()
            if constraints?.isCA != true {
                problems.append("\(name) issues a certificate but is not a CA (basicConstraints cA is not set)")
            } else if let limit = constraints?.pathLength, position - 1 > limit {
                problems.append("\(name) allows \(limit) intermediates below it, the path has \(position - 1)")
            }
            if let usage = try certificate.keyUsage(), !usage.keyCertSign {
                problems.append("\(name) may not sign certificates (keyUsage lacks keyCertSign)")
            }
        } catch {
            problems.append("\(name): \(error)")
        }
        return problems
    }
}
