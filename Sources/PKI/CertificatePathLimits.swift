/// The bounds of one certification-path search: how deep a path may go, how many candidate intermediates are
/// considered, how many signatures may be verified and how many issuer links may be tried, and an optional
/// deadline. A search that reaches one stops with a result naming it (``CertificatePathResult/Outcome``), so the
/// certificates a request supplies can never make chain building take longer than these allow.
public struct CertificatePathLimits: Sendable, Hashable {
    /// One of the bounds, as a search result names it.
    public enum Bound: String, Sendable, Hashable, CustomStringConvertible {
        /// ``CertificatePathLimits/maxDepth``.
        case depth
        /// ``CertificatePathLimits/maxCandidates``.
        case candidates
        /// ``CertificatePathLimits/maxSignatureChecks``.
        case signatureChecks
        /// ``CertificatePathLimits/maxLinksTried``.
        case linksTried

        public var description: String {
            switch self {
            case .depth: return "path depth"
            case .candidates: return "candidate intermediates"
            case .signatureChecks: return "signature checks"
            case .linksTried: return "issuer links tried"
            }
        }
    }

    /// Default ``maxDepth``: eight certificates, leaf and anchor included (attestation PKIs use three or four).
    public static let defaultMaxDepth = 8
    /// Default ``maxCandidates``.
    public static let defaultMaxCandidates = 128
    /// Default ``maxSignatureChecks``: a genuine chain needs one per link, a few more where certificates were
    /// re-issued under the same name.
    public static let defaultMaxSignatureChecks = 64
    /// Default ``maxLinksTried``.
    public static let defaultMaxLinksTried = 1024

    /// Most certificates in one path, leaf and anchor included.
    public var maxDepth: Int
    /// Most distinct candidate intermediates considered; the rest are ignored and counted in the result.
    public var maxCandidates: Int
    /// Most signature verifications in one search (results already cached do not count).
    public var maxSignatureChecks: Int
    /// Most issuer links tried in one search, cached or not: bounds the search's work when many paths share
    /// already verified links.
    public var maxLinksTried: Int
    /// When the search must stop, if ever; it is compared before every signature check.
    public var deadline: ContinuousClock.Instant?

    public init(
        maxDepth: Int = defaultMaxDepth, maxCandidates: Int = defaultMaxCandidates,
        maxSignatureChecks: Int = defaultMaxSignatureChecks, maxLinksTried: Int = defaultMaxLinksTried,
        deadline: ContinuousClock.Instant? = nil
    ) {
        self.maxDepth = maxDepth
        self.maxCandidates = maxCandidates
        self.maxSignatureChecks = maxSignatureChecks
        self.maxLinksTried = maxLinksTried
        self.deadline = deadline
    }

    /// The value of `bound`.
    public func value(of bound: Bound) -> Int {
        switch bound {
        case .depth: return maxDepth
        case .candidates: return maxCandidates
        case .signatureChecks: return maxSignatureChecks
        case .linksTried: return maxLinksTried
        }
    }
}
