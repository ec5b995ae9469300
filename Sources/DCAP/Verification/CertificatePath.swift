import AttestationCore
import Crypto
import Foundation
import X509

/// A certification path from a leaf up to a pinned anchor, built from the certificates at hand, with what is
/// wrong with it: an unpinned top, a bad signature, a certificate outside its validity, a non-CA issuer.
///
/// The path stops at a pinned anchor or at a self-issued certificate (an unpinned root). When several
/// certificates could issue the next link (Intel re-issued the TCB signing certificate with the same
/// key and serial number), the one that verifies and is valid at the instant is preferred.
struct CertificatePath: Sendable {
    /// Bound on the path length.
    static let maxDepth = 6

    /// The path, leaf first; ends at an anchor when ``anchored``.
    let certificates: [DCAPCertificate]
    /// Whether the path ends at a pinned anchor.
    let anchored: Bool
    /// Links whose signature does not verify, as `subject ← issuer`.
    let badSignatures: [String]
    /// Issuers that are not CAs or whose path length constraint is exceeded.
    let constraintViolations: [String]

    init(leaf: DCAPCertificate, pool: [DCAPCertificate], anchors: [DCAPCertificate], at instant: Date, cache: DCAPCache) {
        var path = [leaf]
        var badSignatures: [String] = []
        var anchored = anchors.contains { $0 == leaf }
        while !anchored, path.count < Self.maxDepth, let current = path.last, !current.isSelfIssued {
            let candidates = (anchors + pool).filter { candidate in
                candidate.subjectDER == current.issuerDER && !path.contains { $0 == candidate }
            }
            let verifying = candidates.filter { cache.isValid(current, issuedBy: $0) }
            guard let issuer = verifying.first(where: { $0.isValid(at: instant) }) ?? verifying.first ?? candidates.first
            else { break }
            if verifying.isEmpty { badSignatures.append("\(current.subject) ← \(issuer.subject)") }
            path.append(issuer)
            anchored = anchors.contains { $0 == issuer }
        }
        self.certificates = path
        self.anchored = anchored
        self.badSignatures = badSignatures
        self.constraintViolations = Self.constraintViolations(path)
    }

    /// Certificates of the path that are not valid at `instant`, described.
    func invalidCertificates(at instant: Date) -> [String] {
        certificates.filter { !$0.isValid(at: instant) }.map(\.summary)
    }

    /// The top of the path, described with its SHA-256, for messages about pinning.
    var topDescription: String {
        guard let top = certificates.last else { return "an empty chain" }
        return "\(top.subject) (sha256 \(Hex.encode(SHA256.hash(data: top.der))))"
    }

    static func constraintViolations(_ path: [DCAPCertificate]) -> [String] {
        var violations: [String] = []
        for (index, issuer) in path.enumerated().dropFirst() {
            if !issuer.isCertificateAuthority {
                violations.append("\(issuer.subject) is not a CA (basicConstraints cA is not set)")
            } else if let maxPathLength = issuer.maxPathLength, index - 1 > maxPathLength {
                violations.append("\(issuer.subject) allows \(maxPathLength) intermediates below it, the path has \(index - 1)")
            }
            if !issuer.maySignCertificates {
                violations.append("\(issuer.subject) may not sign certificates (keyUsage lacks keyCertSign)")
            }
        }
        return violations
    }
}
