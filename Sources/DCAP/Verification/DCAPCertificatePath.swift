import AttestationCore
import Crypto
import Foundation
import PKI

/// A certification path from a leaf up to a pinned anchor, found by PKI's bounded ``CertificatePathBuilder`` among
/// the certificates at hand, with what is wrong with it: an unpinned top, a bad signature, a certificate outside its
/// validity, a non-CA issuer.
///
/// The path stops at a pinned anchor or at a self-issued certificate (an unpinned root). When several
/// certificates could issue the next link (Intel re-issued the TCB signing certificate with the same
/// key and serial number), the one that verifies and is valid at the instant is preferred.
struct DCAPCertificatePath: Sendable {
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
    /// Why the search ended before it could try every issuer (a bound, the deadline), if it did.
    let stoppedEarly: String?

    init(leaf: DCAPCertificate, pool: [DCAPCertificate], anchors: [DCAPCertificate], at instant: Date, cache: DCAPCache) {
        let builder = CertificatePathBuilder(
            anchors: anchors.map(\.x509), candidates: pool.map(\.x509),
            limits: CertificatePathLimits(maxDepth: Self.maxDepth), signatureCache: cache.certificateSignatures)
        let result = builder.build(from: leaf.x509, at: instant)
        let known = Dictionary((anchors + pool + [leaf]).map { (ExactBytes($0.der), $0) }) { first, _ in first }
        let path = result.path.compactMap { known[ExactBytes($0.derBytes)] }
        certificates = path
        anchored = result.isAnchored
        badSignatures = result.unverifiedLinks.filter { $0 + 1 < path.count }.map { "\(path[$0].subject) ← \(path[$0 + 1].subject)" }
        constraintViolations = Self.constraintViolations(path)
        switch result.outcome {
        case .found, .notFound: stoppedEarly = nil
        case .limitReached(let bound):
            stoppedEarly = "the path search stopped at its bound on \(bound) (\(builder.limits.value(of: bound)))"
        case .cancelled: stoppedEarly = "the path search was cancelled"
        case .deadlineExceeded: stoppedEarly = "the path search passed its deadline"
        }
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
            for problem in issuer.malformedExtensions {
                violations.append("\(issuer.subject) has a malformed \(problem): it may not sign certificates")
            }
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
