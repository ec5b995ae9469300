public import Foundation
public import PKI

/// Validates a TPM's EK or AK certificate up to a trusted root as of an instant: PKI's bounded
/// ``CertificatePathBuilder`` under RFC 5280 checks, with the TCG certificate profile's critical subjectAltName
/// understood (``TCGCertificatePolicy``). However many certificates a request brings, the search ends within
/// ``limits``.
public struct TPMCertificateChain: Sendable {
    /// The outcome of one validation.
    public enum Outcome: Sendable {
        /// A chain from the leaf to a trusted root, leaf first.
        case valid([X509Certificate])
        /// Why no valid chain exists.
        case invalid(String)
    }

    /// The trusted roots.
    public let roots: [X509Certificate]
    /// Certificates that may sit between a leaf and a root.
    public let intermediates: [X509Certificate]
    /// The bounds of the search.
    public let limits: CertificatePathLimits
    /// Where certificate signature results are remembered across validations, if anywhere.
    public let signatureCache: CertificateSignatureCache?
    /// The subjects of the intermediates and roots as text, for the message when no chain exists.
    let issuerNames: [String]

    /// A validator over `roots` and `intermediates`; `issuerNames` describes them in messages.
    public init(
        roots: [X509Certificate], intermediates: [X509Certificate], issuerNames: [String],
        limits: CertificatePathLimits = CertificatePathLimits(maxCandidates: TPMTrustStore.maxIntermediates),
        signatureCache: CertificateSignatureCache? = nil
    ) {
        self.roots = roots
        self.intermediates = intermediates
        self.issuerNames = issuerNames
        self.limits = limits
        self.signatureCache = signatureCache
    }

    /// Validates `leaf`, whose issuer `issuerName` names in messages, at `instant`; throws `CancellationError` when
    /// the task is cancelled during the search.
    public func validate(
        _ leaf: X509Certificate, issuerName: @autoclosure () -> String, at instant: Date
    ) throws -> Outcome {
        let builder = CertificatePathBuilder(
            anchors: roots, candidates: intermediates, limits: limits, policy: TCGCertificatePolicy(),
            signatureCache: signatureCache)
        let result = builder.build(from: leaf, at: instant)
        let stopped: String
        switch result.outcome {
        case .found:
            return .valid(result.path)
        case .cancelled:
            throw CancellationError()
        case .deadlineExceeded:
            return .invalid("chain building passed its deadline before a chain to a trusted root was found")
        case .limitReached(let bound) where bound == .signatureChecks || bound == .linksTried:
            return .invalid(
                "chain building stopped at its bound of \(limits.value(of: bound)) \(bound) without a chain to a trusted root: "
                    + "too many certificates could issue this one; send only its own chain")
        case .limitReached(let bound):
            stopped = "; the search stopped at its bound on \(bound) (\(limits.value(of: bound)))"
        case .notFound:
            stopped = ""
        }
        if result.isAnchored, result.unverifiedLinks.isEmpty, let problem = result.policyProblems.first {
            return .invalid(problem)
        }
        guard !roots.isEmpty else { return .invalid("no trusted root is configured") }
        return .invalid(
            "no chain from the certificate issued by \(issuerName()) to a trusted root; available issuers: "
                + issuerNames.joined(separator: "; ") + stopped)
    }
}
