import Appraisal
import Attestation
import AttestationCore
import AttestedTLS
import SampleTEE

/// What the Sample-TEE certificate tests share: a policy whose pipeline verifies Sample evidence with Assay's
/// default appraisal policy, and an issuer that mints certificates over Sample evidence.
///
/// The default policy appraises Sample evidence as `warning` (no hardware claim for a software TEE, no reference
/// values for its executables), which ``PeerVerificationPolicy/acceptableStatus``'s default (`warning`) accepts.
enum SamplePeer {
    /// The default appraisal policy, compiled once.
    static let standard = Result { try RegoAppraisalPolicy.standard() }

    /// A policy that verifies evidence with `verifiers` (the Sample TEE's by default).
    static func policy(verifiers: [any EvidenceVerifier] = [SampleVerifier()]) throws -> PeerVerificationPolicy {
        PeerVerificationPolicy(
            pipeline: AttestationPipeline(
                verifiers: verifiers, appraiser: Appraiser(policy: try standard.get(), referenceValues: ReferenceValueSet()),
                signingKey: nil, build: "AttestedTLSTests"))
    }

    /// An issuer with a fresh P-256 key over Sample evidence.
    static func issuer() throws -> AttestedCertificateIssuer {
        AttestedCertificateIssuer(key: .generate(.p256), source: try SampleEvidenceSource())
    }
}
