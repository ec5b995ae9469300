import AttestationCore
import Foundation

/// The mutable state of one ``CertificatePathBuilder/build(from:at:)`` call: the budgets spent, the signature
/// results and parsed keys of this search, and why it stopped early, if it did.
struct CertificatePathSearch {
    /// A certificate's identity for loop detection: subject name and key, whatever else differs.
    struct Identity: Hashable {
        let subject: ExactBytes
        let key: ExactBytes

        init(_ certificate: X509Certificate) {
            subject = ExactBytes(certificate.subjectBytes)
            key = ExactBytes(certificate.subjectPublicKeyInfo)
        }
    }

    /// Certificates that are one option at a position: the same identity and the same issuer name.
    struct IssuerGroup {
        let identity: Identity
        let issuer: [UInt8]
        /// The members, with their index among the name's issuers (anchors first, then candidates in order).
        var members: [(index: Int, certificate: X509Certificate)]
    }

    /// One certificate a signature was checked for, and the key it was checked with.
    struct Link: Hashable {
        let certificate: ExactBytes
        let issuerKey: ExactBytes
    }

    /// Thrown out of a signature computation when the search must stop.
    struct Stopped: Error {}

    let builder: CertificatePathBuilder
    let instant: Date
    var signatureChecks = 0
    var linksTried = 0
    /// Set when a budget ran out, the task was cancelled or the deadline passed.
    var stop: CertificatePathResult.Outcome?
    /// Whether a branch ended at the depth bound while issuers remained.
    var depthReached = false
    var links: [Link: Bool] = [:]
    var keys: [ExactBytes: VerificationKey?] = [:]

    var limits: CertificatePathLimits { builder.limits }

    init(builder: CertificatePathBuilder, instant: Date) {
        self.builder = builder
        self.instant = instant
    }

    mutating func run(from leaf: X509Certificate) -> CertificatePathResult {
        var path = [leaf]
        var identities: Set<Identity> = [Identity(leaf)]
        if problems(leaf, at: 0).isEmpty, extend(&path, &identities) {
            return result(.found, path: path, isAnchored: true, unverifiedLinks: [], policyProblems: [])
        }
        let outcome: CertificatePathResult.Outcome
        if let stop {
            outcome = stop
        } else if depthReached {
            outcome = .limitReached(.depth)
        } else if builder.ignoredCandidates > 0 {
            outcome = .limitReached(.candidates)
        } else {
            outcome = .notFound
        }
        let partial = diagnosticPath(from: leaf)
        let policyProblems = partial.path.enumerated().flatMap { problems($0.element, at: $0.offset) }
        return result(
            outcome, path: partial.path, isAnchored: partial.isAnchored, unverifiedLinks: partial.unverifiedLinks,
            policyProblems: policyProblems)
    }

    func result(
        _ outcome: CertificatePathResult.Outcome, path: [X509Certificate], isAnchored: Bool, unverifiedLinks: [Int],
        policyProblems: [String]
    ) -> CertificatePathResult {
        CertificatePathResult(
            outcome: outcome, path: path, isAnchored: isAnchored, unverifiedLinks: unverifiedLinks,
            policyProblems: policyProblems, ignoredCandidates: builder.ignoredCandidates, signatureChecks: signatureChecks)
    }

    // MARK: - Search

    /// Extends `path` depth-first until it reaches an anchor (true) or every option failed (false).
    mutating func extend(_ path: inout [X509Certificate], _ identities: inout Set<Identity>) -> Bool {
        guard let current = path.last else { return false }
        if builder.isAnchor(current) { return true }
        if current.isSelfIssued { return false }
        guard path.count < limits.maxDepth else {
            if !groups(issuing: current, excluding: identities).isEmpty { depthReached = true }
            return false
        }
        for option in options(issuing: current, at: path.count, excluding: identities) {
            guard stop == nil else { return false }
            path.append(option.certificate)
            identities.insert(option.identity)
            if extend(&path, &identities) { return true }
            path.removeLast()
            identities.remove(option.identity)
        }
        return false
    }

    /// The issuers that could continue a path at `position` above `current`: one per group, whose key verifies
    /// `current` and which the policy accepts there; those valid at the instant first, then in the given order.
    mutating func options(
        issuing current: X509Certificate, at position: Int, excluding identities: Set<Identity>
    ) -> [(identity: Identity, certificate: X509Certificate)] {
        var ranked: [(valid: Bool, index: Int, identity: Identity, certificate: X509Certificate)] = []
        for group in groups(issuing: current, excluding: identities) {
            linksTried += 1
            guard linksTried <= limits.maxLinksTried else {
                stop = .limitReached(.linksTried)
                return []
            }
            guard let first = group.members.first, isSigned(current, by: first.certificate) == true else {
                if stop != nil { return [] }
                continue
            }
            let accepted = group.members.filter { problems($0.certificate, at: position).isEmpty }
            guard let chosen = accepted.first(where: { $0.certificate.isValid(at: instant) }) ?? accepted.first else { continue }
            ranked.append((chosen.certificate.isValid(at: instant), chosen.index, group.identity, chosen.certificate))
        }
        return ranked.sorted { ($0.valid ? 0 : 1, $0.index) < ($1.valid ? 0 : 1, $1.index) }.map { ($0.identity, $0.certificate) }
    }

    /// The anchors and candidates named as `current`'s issuer, grouped, without identities already on the path.
    func groups(issuing current: X509Certificate, excluding identities: Set<Identity>) -> [IssuerGroup] {
        var groups: [IssuerGroup] = []
        for (index, certificate) in (builder.issuersBySubject[ExactBytes(current.issuerBytes)] ?? []).enumerated() {
            let identity = Identity(certificate)
            guard !identities.contains(identity) else { continue }
            if let existing = groups.firstIndex(where: { $0.identity == identity && $0.issuer == certificate.issuerBytes }) {
                groups[existing].members.append((index, certificate))
            } else {
                groups.append(IssuerGroup(identity: identity, issuer: certificate.issuerBytes, members: [(index, certificate)]))
            }
        }
        return groups
    }

    /// The path a caller reports on when none was found: from the leaf, at each step the issuer that verifies and
    /// is valid at the instant, else one that verifies, else the first whose name matches (an unverified link).
    mutating func diagnosticPath(from leaf: X509Certificate) -> (path: [X509Certificate], isAnchored: Bool, unverifiedLinks: [Int]) {
        var path = [leaf]
        var identities: Set<Identity> = [Identity(leaf)]
        var unverified: [Int] = []
        while let current = path.last, !builder.isAnchor(current), !current.isSelfIssued, path.count < limits.maxDepth {
            let groups = groups(issuing: current, excluding: identities)
            guard let fallback = groups.first?.members.first else { break }
            var best: (valid: Bool, index: Int, certificate: X509Certificate)?
            for group in groups {
                guard let first = group.members.first, isSigned(current, by: first.certificate) == true else { continue }
                let chosen = group.members.first { $0.certificate.isValid(at: instant) } ?? first
                let candidate = (chosen.certificate.isValid(at: instant), chosen.index, chosen.certificate)
                if let incumbent = best, (incumbent.valid ? 0 : 1, incumbent.index) <= (candidate.0 ? 0 : 1, candidate.1) { continue }
                best = candidate
            }
            if best == nil { unverified.append(path.count - 1) }
            let next = best?.certificate ?? fallback.certificate
            path.append(next)
            identities.insert(Identity(next))
        }
        return (path, path.last.map(builder.isAnchor) ?? false, unverified)
    }

    // MARK: - Signatures and policy

    /// The policy's problems with `certificate` at `position` (none without a policy).
    func problems(_ certificate: X509Certificate, at position: Int) -> [String] {
        builder.policy?.problems(with: certificate, at: position, instant: instant) ?? []
    }

    /// Whether `issuer`'s key signed `certificate`; nil when it could not be checked because the search stopped.
    mutating func isSigned(_ certificate: X509Certificate, by issuer: X509Certificate) -> Bool? {
        let link = Link(certificate: ExactBytes(certificate.derBytes), issuerKey: ExactBytes(issuer.subjectPublicKeyInfo))
        if let known = links[link] { return known }
        guard stop == nil else { return nil }
        let result: Bool
        do {
            if let cache = builder.signatureCache {
                result = try cache.result(certificate, issuerKey: issuer.subjectPublicKeyInfo) { try verify(certificate, by: issuer) }
            } else {
                result = try verify(certificate, by: issuer)
            }
        } catch {
            return nil
        }
        links[link] = result
        return result
    }

    /// Verifies one signature, unless the task is cancelled, the deadline passed or the budget is spent.
    mutating func verify(_ certificate: X509Certificate, by issuer: X509Certificate) throws -> Bool {
        if Task.isCancelled {
            stop = .cancelled
        } else if let deadline = limits.deadline, ContinuousClock.now >= deadline {
            stop = .deadlineExceeded
        } else if signatureChecks >= limits.maxSignatureChecks {
            stop = .limitReached(.signatureChecks)
        }
        guard stop == nil else { throw Stopped() }
        signatureChecks += 1
        guard let key = publicKey(of: issuer) else { return false }
        return certificate.isSignatureValid(key: key)
    }

    /// `issuer`'s public key, parsed once per search; nil when Assay does not verify with its kind of key.
    mutating func publicKey(of issuer: X509Certificate) -> VerificationKey? {
        let spki = ExactBytes(issuer.subjectPublicKeyInfo)
        if let known = keys[spki] { return known }
        let key = try? issuer.publicKey()
        keys[spki] = key
        return key
    }
}
