import AttestationCore
public import Foundation
@_spi(FixedExpiryValidationTime) public import X509
import SwiftASN1

/// Validates a TPM's EK or AK certificate up to a trusted root as of an instant (RFC 5280 path validation with
/// the TCG certificate profile's critical subjectAltName understood).
public struct TPMCertificateChain: Sendable {
    /// The outcome of one validation.
    public enum Outcome: Sendable {
        /// A chain from the leaf to a trusted root, leaf first.
        case valid([Certificate])
        /// Why no valid chain exists.
        case invalid(String)
    }

    /// The trusted roots.
    public let roots: [Certificate]
    /// Certificates that may sit between a leaf and a root.
    public let intermediates: [Certificate]

    public init(roots: [Certificate], intermediates: [Certificate]) {
        self.roots = roots
        self.intermediates = intermediates
    }

    /// Validates `leaf` at `instant`.
    public func validate(_ leaf: Certificate, at instant: Date) async -> Outcome {
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
            RFC5280Policy(fixedExpiryValidationTime: instant)
            TCGSubjectAlternativeNamePolicy()
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
        switch result {
        case .validCertificate(let chain):
            return .valid(Array(chain))
        case .couldNotValidate(let failures):
            if let failure = failures.first {
                return .invalid("\(failure.policyFailureReason)")
            }
            guard !roots.isEmpty else { return .invalid("no trusted root is configured") }
            let issuers = intermediates.map { "\($0.subject)" } + roots.map { "\($0.subject)" }
            return .invalid(
                "no chain from the certificate issued by \(leaf.issuer) to a trusted root; available issuers: "
                    + issuers.joined(separator: "; "))
        }
    }
}

/// TCG EK and AK certificates (TCG EK Credential Profile §3.2.9) have an empty subject and a critical
/// subjectAltName holding the TPM manufacturer, model and version as a directoryName; this policy reads it.
struct TCGSubjectAlternativeNamePolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.subjectAlternativeName]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        do {
            _ = try chain.leaf.extensions.subjectAlternativeNames
            return .meetsPolicy
        } catch {
            return .failsToMeetPolicy(reason: "the leaf's subjectAltName is malformed: \(error)")
        }
    }
}
