import Appraisal
import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

/// The default Rego appraisal of verified TDX and SGX claims (profiles `tdx` and `sgx` of default-appraisal.rego):
/// UpToDate affirms the hardware, pending mitigations/configuration and OutOfDate warn (or contraindicate, when
/// an operator says so through data.profiles), NotSupported contraindicates, a debug TD or enclave contraindicates
/// the configuration, and a Revoked TCB never reaches appraisal as valid evidence.
@Suite struct DCAPAppraisalTests {
    func appraise(_ scenario: Scenario, policy: RegoAppraisalPolicy? = nil) async throws -> (Verdict, AppraisalResult) {
        let verdict = try await scenario.verify()
        let appraiser = Appraiser(policy: try policy ?? RegoAppraisalPolicy.standard(), referenceValues: ReferenceValueSet())
        return (verdict, try appraiser.appraise(verdict, runtimeData: nil, at: FakeIntelPKI.now))
    }

    func scenario(_ kind: FakeQuote.Kind, status: String) throws -> Scenario {
        var scenario = try Scenario(kind)
        scenario.tcbInfo.levels[0].status = status
        return scenario
    }

    static let statuses: [(String, TrustClaim)] = [
        ("UpToDate", .genuineHardware), ("SWHardeningNeeded", .unsafeHardware), ("ConfigurationNeeded", .unsafeHardware),
        ("ConfigurationAndSWHardeningNeeded", .unsafeHardware), ("OutOfDate", .unsafeHardware),
        ("OutOfDateConfigurationNeeded", .unsafeHardware),
    ]

    @Test(arguments: [FakeQuote.Kind.sgx, .td10])
    func tcbStatusesMapToHardwareTiers(kind: FakeQuote.Kind) async throws {
        for (status, tier) in Self.statuses {
            let (verdict, result) = try await appraise(try scenario(kind, status: status))
            #expect(verdict.isValid && verdict.status == status, "\(verdict.failures)")
            #expect(result.vector[.hardware] == tier, "\(kind) \(status)")
            #expect(result.vector[.runtimeOpaque] == .encryptedMemoryRuntime)
            if tier != .genuineHardware {
                #expect(result.reasons.contains { $0.check == "tcb_status" && $0.observed == status })
            }
        }
        var unsupported = try scenario(kind, status: "UpToDate")
        unsupported.tcbInfo.levels[0].pce = 12  // above the platform's PCE SVN: no level matches
        let (verdict, result) = try await appraise(unsupported)
        #expect(verdict.isValid && verdict.status == "NotSupported")
        #expect(result.vector[.hardware] == .contraindicatedHardware)
    }

    @Test func tdRelaunchAdvisedIsAWarning() async throws {
        var scenario = try scenario(.td15, status: "UpToDate")
        scenario.quote.teeTCBSVN = [2, 1, 3] + [UInt8](repeating: 0, count: 13)
        scenario.quote.teeTCBSVN2 = [3, 1, 3] + [UInt8](repeating: 0, count: 13)
        let (verdict, result) = try await appraise(scenario)
        #expect(verdict.status == "TDRelaunchAdvised")
        #expect(result.vector[.hardware] == .unsafeHardware)
    }

    @Test func revokedTCBFailsVerificationSoNothingIsAffirmed() async throws {
        let (verdict, result) = try await appraise(try scenario(.td10, status: "Revoked"))
        #expect(!verdict.isValid)
        #expect(result.status == .contraindicated)
        #expect(result.reasons.contains { $0.check == "tcb_status_not_revoked" })
    }

    @Test func debugTDAndDebugEnclaveAreContraindicated() async throws {
        var td = try scenario(.td10, status: "UpToDate")
        td.quote.tdAttributes = [1, 0, 0, 0x10, 0, 0, 0, 0]
        let (tdVerdict, tdResult) = try await appraise(td)
        #expect(tdVerdict.claims["td_attributes"]?["debug"] == true)
        #expect(tdResult.vector[.configuration] == .unsupportableConfig)
        #expect(tdResult.reasons.contains { $0.check == "debug_disabled" && $0.expected == "td_attributes.debug = false" })
        var enclave = try scenario(.sgx, status: "UpToDate")
        enclave.quote.enclaveAttributes[0] |= 0x02
        let (enclaveVerdict, enclaveResult) = try await appraise(enclave)
        #expect(enclaveVerdict.claims["attributes"]?["debug"] == true)
        #expect(enclaveResult.vector[.configuration] == .unsupportableConfig)
        let (_, production) = try await appraise(try scenario(.sgx, status: "UpToDate"))
        #expect(production.vector[.configuration] == .approvedConfig)
    }

    @Test func operatorsCanContraindicateOutOfDateThroughTheDataDocument() async throws {
        let strict: JSONValue = [
            "genuine_hardware": true, "debug_claims": ["td_attributes.debug"], "encrypted_memory": true,
            "status_claim": "tcb_status", "affirming_statuses": ["UpToDate"],
            "warning_statuses": ["SWHardeningNeeded", "ConfigurationNeeded", "ConfigurationAndSWHardeningNeeded"],
        ]
        let policy = try RegoAppraisalPolicy.standard(data: ["profiles": ["tdx": strict]])
        let (_, outOfDate) = try await appraise(try scenario(.td10, status: "OutOfDate"), policy: policy)
        #expect(outOfDate.vector[.hardware] == .contraindicatedHardware)
        let (_, hardening) = try await appraise(try scenario(.td10, status: "SWHardeningNeeded"), policy: policy)
        #expect(hardening.vector[.hardware] == .unsafeHardware)
    }
}
