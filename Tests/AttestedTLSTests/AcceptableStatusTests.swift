import Appraisal
import Attestation
import AttestationCore
import AttestedTLS
import SampleTEE
import Testing

/// Genuine, bound evidence is accepted only if its appraisal is at least as good as the side accepts: a warning is
/// refused by a side that wants affirming, and `none` (a policy that makes no trustworthiness claim) by every side.
struct AcceptableStatusTests {
    @Test func aWarningIsRefusedWhenOnlyAffirmingIsAccepted() async throws {
        let minted = try await SamplePeer.issuer().issue()
        var policy = try SamplePeer.policy()
        policy.acceptableStatus = .affirming
        let attestation = try await AttestedPeerVerifier(policy: policy).judge(certificateDER: minted.der)
        #expect(!attestation.accepted)
        #expect(attestation.reasons.count == 1)
        #expect(attestation.reasons.first?.hasPrefix("appraisal status warning (accepted: affirming or better)") == true)
    }

    /// A policy whose trust vector is empty says nothing about the peer: `none` sorts before `affirming` in
    /// ``TrustTier``, but it is no claim at all, so it must not pass as "warning or better".
    @Test(arguments: [TrustTier.affirming, .warning])
    func anAppraisalWithoutClaimsIsRefused(_ acceptable: TrustTier) async throws {
        let silent = try RegoAppraisalPolicy(id: "silent.rego", source: "package assay.appraisal\n\ntrust_vector := {}\n")
        var policy = PeerVerificationPolicy(
            pipeline: AttestationPipeline(
                verifiers: [SampleVerifier()], appraiser: Appraiser(policy: silent, referenceValues: ReferenceValueSet()),
                signingKey: nil, build: "AttestedTLSTests"))
        policy.acceptableStatus = acceptable
        let minted = try await SamplePeer.issuer().issue()
        let attestation = try await AttestedPeerVerifier(policy: policy).judge(certificateDER: minted.der)
        #expect(attestation.outcome?.verdict.isValid == true)
        #expect(attestation.outcome?.appraisal.status == TrustTier.none)
        #expect(!attestation.accepted)
        #expect(attestation.reasons.first?.hasPrefix("appraisal status none") == true, "\(attestation.reasons)")
    }
}
