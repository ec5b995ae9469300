import Appraisal
import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// The default appraisal of Azure CVM claims: affirming hardware only when both halves (hardware report with its
/// HCL bindings, and the vTPM quote) verified; otherwise as SEV-SNP and TDX.
@Suite(.sharedVectors) struct AzureAppraisalTests {
    func appraise(_ verdict: Verdict) throws -> AppraisalResult {
        try Appraiser(policy: try RegoAppraisalPolicy.standard(), referenceValues: ReferenceValueSet())
            .appraise(verdict, runtimeData: nil, at: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func bothHalvesVerifiedGiveGenuineHardwareAndEitherMissingContraindicatesIt() async throws {
        let verdict = try await AzureVectors.verify(try SharedVectors.vector("azure-snp-milan-bin"))
        try #require(verdict.isValid, "\(verdict.failures)")
        let result = try appraise(verdict)
        #expect(result.vector[.hardware] == .genuineHardware)
        #expect(result.vector[.runtimeOpaque] == .encryptedMemoryRuntime)
        for half in ["hcl", "vtpm"] {
            var halfVerified = verdict
            guard case .object(var claims) = halfVerified.claims[half] else {
                Issue.record("no \(half) claims")
                continue
            }
            claims["verified"] = false
            halfVerified.claims[half] = .object(claims)
            let contraindicated = try appraise(halfVerified)
            #expect(contraindicated.vector[.hardware] == .contraindicatedHardware, "\(half)")
            #expect(contraindicated.reasons.map(\.check).contains("required:\(half).verified"), "\(contraindicated.reasons)")
        }
    }

    /// TDX: the TCB status decides as for `tdx`; without the TCB info (not shipped for this FMSPC) it is absent,
    /// which contraindicates the hardware, naming `tcb_status`.
    @Test func tdxHardwareFollowsTheTCBStatus() async throws {
        var verdict = try await AzureVectors.verify(try SharedVectors.vector("azure-tdx-bin"))
        try #require(verdict.isValid, "\(verdict.failures)")
        let absent = try appraise(verdict)
        #expect(absent.vector[.hardware] == .contraindicatedHardware)
        #expect(absent.reasons.map(\.check).contains("tcb_status"))
        verdict.claims["tcb_status"] = "UpToDate"
        #expect(try appraise(verdict).vector[.hardware] == .genuineHardware)
        verdict.claims["tcb_status"] = "OutOfDate"
        #expect(try appraise(verdict).vector[.hardware] == .unsafeHardware)
    }
}
