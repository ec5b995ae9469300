import AttestationCore
public import Foundation

/// Builds a certification path from a leaf to one of the trusted anchors through candidate intermediates (the
/// certificates a request, its collateral or the operator supplied), within ``CertificatePathLimits``.
///
/// The search is depth-first over issuers whose subject matches the current certificate's issuer name and whose
/// key verifies its signature; a certificate equal to an anchor ends the path, a self-issued certificate that is not
/// one ends it unanchored (an unpinned root). Where several issuers could continue a path (Intel re-issued its TCB
/// signing certificate with the same key and serial number), the one valid at the instant is tried first.
///
/// What keeps it bounded whatever the candidates are:
/// - a certificate is identified by its subject and SubjectPublicKeyInfo, not its bytes: a path never holds two
///   certificates with the same identity (loops), and look-alikes with the same identity and issuer name are one
///   option per position (the one valid at the instant and accepted by the policy);
/// - each signature result is verified once per (certificate, issuer key) in a search, and optionally across
///   searches through a ``CertificateSignatureCache``;
/// - the depth, the candidates considered, the signatures verified and the links tried are bounded, and
///   cancellation and the deadline are checked before every signature check: a search that hits any of them ends
///   with an outcome that names it.
public struct CertificatePathBuilder: Sendable {
    /// The trusted anchors: a path that reaches one of these exact certificates is anchored.
    public let anchors: [X509Certificate]
    /// The distinct candidate intermediates considered, in the order given (at most ``CertificatePathLimits/maxCandidates``).
    public let candidates: [X509Certificate]
    /// How many distinct candidates were left out beyond the bound.
    public let ignoredCandidates: Int
    /// The bounds of every search.
    public let limits: CertificatePathLimits
    /// What every certificate of a found path must satisfy, if anything beyond names and signatures.
    public let policy: (any CertificatePathPolicy)?
    /// Signature results kept across searches, if any.
    public let signatureCache: CertificateSignatureCache?

    /// Anchors, then candidates, by subject name.
    let issuersBySubject: [ExactBytes: [X509Certificate]]
    let anchorBytes: Set<ExactBytes>

    /// A builder over `anchors` and `candidates`; candidates equal to an anchor or to an earlier candidate count
    /// once, and those beyond `limits.maxCandidates` are ignored.
    public init(
        anchors: [X509Certificate], candidates: [X509Certificate], limits: CertificatePathLimits = CertificatePathLimits(),
        policy: (any CertificatePathPolicy)? = nil, signatureCache: CertificateSignatureCache? = nil
    ) {
        let anchorBytes = Set(anchors.map { ExactBytes($0.derBytes) })
        var seen = anchorBytes
        var kept: [X509Certificate] = []
        var ignored = 0
        for candidate in candidates where seen.insert(ExactBytes(candidate.derBytes)).inserted {
            if kept.count < limits.maxCandidates { kept.append(candidate) } else { ignored += 1 }
        }
        var index: [ExactBytes: [X509Certificate]] = [:]
        for certificate in anchors + kept { index[ExactBytes(certificate.subjectBytes), default: []].append(certificate) }
        self.anchors = anchors
        self.candidates = kept
        self.ignoredCandidates = ignored
        self.limits = limits
        self.policy = policy
        self.signatureCache = signatureCache
        self.issuersBySubject = index
        self.anchorBytes = anchorBytes
    }

    /// Searches a path from `leaf` whose certificates the policy accepts at `instant`.
    public func build(from leaf: X509Certificate, at instant: Date) -> CertificatePathResult {
        var search = CertificatePathSearch(builder: self, instant: instant)
        return search.run(from: leaf)
    }

    /// Whether `certificate` is one of the anchors.
    func isAnchor(_ certificate: X509Certificate) -> Bool {
        anchorBytes.contains(ExactBytes(certificate.derBytes))
    }
}
