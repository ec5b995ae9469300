/// What one ``CertificatePathBuilder`` search found: a path from the leaf to an anchor in which every certificate
/// is signed by the next and accepted by the policy, or — when there is none — the most plausible partial path, so
/// that the caller can say what is wrong with it.
public struct CertificatePathResult: Sendable {
    /// How the search ended.
    public enum Outcome: Sendable, Hashable {
        /// ``CertificatePathResult/path`` is a complete path.
        case found
        /// Every possible path was tried; none is complete.
        case notFound
        /// No complete path was found within a bound (for ``CertificatePathLimits/Bound/depth`` and
        /// ``CertificatePathLimits/Bound/candidates``: the search ended, but a longer path or an ignored candidate
        /// might have completed one).
        case limitReached(CertificatePathLimits.Bound)
        /// The task was cancelled during the search.
        case cancelled
        /// The limits' deadline passed during the search.
        case deadlineExceeded
    }

    /// How the search ended.
    public let outcome: Outcome
    /// The complete path when found, leaf first and ending at an anchor; otherwise the partial path built by
    /// taking at each step the issuer that verifies and is valid at the instant, else one that verifies, else the
    /// first whose name matches.
    public let path: [X509Certificate]
    /// Whether ``path`` ends at an anchor.
    public let isAnchored: Bool
    /// Positions i of ``path`` whose certificate is not signed by the certificate at i + 1 (or could not be checked
    /// within the bounds).
    public let unverifiedLinks: [Int]
    /// The policy's problems with the certificates of ``path`` (empty when found, or without a policy).
    public let policyProblems: [String]
    /// How many distinct candidate intermediates were ignored beyond ``CertificatePathLimits/maxCandidates``.
    public let ignoredCandidates: Int
    /// How many signatures the search verified (cached results excluded).
    public let signatureChecks: Int

    /// Whether a complete path was found.
    public var isFound: Bool { outcome == .found }
}
