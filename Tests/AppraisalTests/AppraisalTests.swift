import Appraisal
import AttestationCore
import Foundation
import Testing

@Suite struct AppraisalTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let measurement = String(repeating: "ab", count: 48)

    func verdict(debug: Bool = false, measurement: String? = nil, svn: Int64 = 3) -> Verdict {
        Verdict(
            tee: .sample,
            claims: [
                "tee": "sample", "measurement": .string(measurement ?? self.measurement), "debug": .bool(debug),
                "svn": .integer(svn), "report_data": "00",
            ])
    }

    func appraise(_ verdict: Verdict, _ document: String) throws -> AppraisalResult {
        let references = try ReferenceValueSet(json: Array(document.utf8))
        return try Appraiser(policy: try RegoAppraisalPolicy.standard(), referenceValues: references)
            .appraise(verdict, runtimeData: nil, at: now)
    }

    var matchingDocument: String {
        #"{"reference_values":[{"tee":"sample","claim":"measurement","values":["\#(measurement.uppercased())"],"provenance":"ci"}]}"#
    }

    @Test func matchingMeasurementIsAffirmingExecutablesButSampleHardwareIsNeverAffirming() throws {
        let result = try appraise(verdict(), matchingDocument)
        #expect(result.vector[.executables] == .approvedRuntime)
        #expect(result.vector[.configuration] == .approvedConfig)
        #expect(result.vector[.hardware] == .noClaim)
        #expect(result.status == .affirming)
        #expect(result.reasons.map(\.check) == ["genuine_hardware"])
    }

    @Test func unknownMeasurementIsAWarningWithItsReason() throws {
        let other = String(repeating: "cd", count: 48)
        let result = try appraise(verdict(measurement: other), matchingDocument)
        #expect(result.vector[.executables] == .unrecognizedRuntime)
        #expect(result.status == .warning)
        let reason = try #require(result.reasons.first { $0.check == "reference_value:measurement" })
        #expect(reason.observed == other)
        #expect(reason.expected.contains(measurement))
    }

    @Test func noReferenceValuesMeansUnrecognizedExecutables() throws {
        let result = try appraise(verdict(), #"{"reference_values":[]}"#)
        #expect(result.vector[.executables] == .unrecognizedRuntime)
        #expect(result.reasons.contains { $0.check == "reference_values" })
    }

    @Test func expiredReferenceValuesDoNotCount() throws {
        let document = #"{"reference_values":[{"tee":"sample","claim":"measurement","values":["\#(measurement)"],"provenance":"old","expires":"2020-01-01T00:00:00Z"}]}"#
        #expect(try appraise(verdict(), document).vector[.executables] == .unrecognizedRuntime)
    }

    @Test func minimumsAndSeveralEntriesPerClaim() throws {
        let document = #"""
            {"reference_values":[
              {"tee":"sample","claim":"measurement","values":["\#(measurement)"],"provenance":"a"},
              {"tee":"sample","claim":"measurement","values":["ff"],"provenance":"b"},
              {"tee":"sample","claim":"svn","minimum":5,"provenance":"security bulletin","component":"configuration"}
            ]}
            """#
        let result = try appraise(verdict(svn: 3), document)
        #expect(result.vector[.executables] == .approvedRuntime)
        #expect(result.vector[.configuration] == .unsafeConfig)
        #expect(result.reasons.contains { $0.check == "reference_value:svn" && $0.observed == "3" })
        #expect(try appraise(verdict(svn: 5), document).vector[.configuration] == .approvedConfig)
    }

    @Test func debugModeIsContraindicated() throws {
        let result = try appraise(verdict(debug: true), matchingDocument)
        #expect(result.vector[.configuration] == .unsupportableConfig)
        #expect(result.status == .contraindicated)
        #expect(result.reasons.contains { $0.check == "debug_disabled" })
    }

    @Test func failedVerificationIsCryptoFailedWithEveryFailure() throws {
        var failed = verdict()
        failed.fail(TestCheck(rawValue: "report_signature"), expected: "valid", observed: "invalid")
        failed.fail(TestCheck(rawValue: "report_data_binding"), expected: "a", observed: "b")
        let result = try appraise(failed, matchingDocument)
        #expect(result.status == .contraindicated)
        #expect(result.vector[.hardware] == .cryptoValidationFailed)
        #expect(result.reasons.map(\.check) == ["report_signature", "report_data_binding"])
    }

    @Test func hardwareProfilesApplyMinimumsAndStatuses() throws {
        let profile: JSONValue = [
            "genuine_hardware": true, "debug_claims": ["td_attributes.debug"], "encrypted_memory": true,
            "hardware_minimums": ["tcb.snp": 8], "status_claim": "tcb_status", "affirming_statuses": ["UpToDate"],
            "warning_statuses": ["SWHardeningNeeded"],
        ]
        let policy = try RegoAppraisalPolicy.standard(data: ["profiles": ["tdx": profile]])
        func hardware(_ status: String, _ snp: Int64, debug: Bool = false) throws -> AppraisalResult {
            let verdict = Verdict(
                tee: .tdx,
                claims: ["tcb_status": .string(status), "tcb": ["snp": .integer(snp)], "td_attributes": ["debug": .bool(debug)]])
            return try Appraiser(policy: policy, referenceValues: ReferenceValueSet()).appraise(verdict, runtimeData: nil, at: now)
        }
        #expect(try hardware("UpToDate", 8).vector[.hardware] == .genuineHardware)
        #expect(try hardware("UpToDate", 8).vector[.runtimeOpaque] == .encryptedMemoryRuntime)
        #expect(try hardware("SWHardeningNeeded", 8).vector[.hardware] == .unsafeHardware)
        let stale = try hardware("UpToDate", 7)
        #expect(stale.vector[.hardware] == .unsafeHardware)
        #expect(stale.reasons.contains { $0.check == "minimum:tcb.snp" && $0.expected == "≥ 8" && $0.observed == "7" })
        let outOfDate = try hardware("OutOfDate", 9)
        #expect(outOfDate.vector[.hardware] == .contraindicatedHardware)
        #expect(outOfDate.reasons.contains { $0.check == "tcb_status" && $0.observed == "OutOfDate" })
        #expect(try hardware("UpToDate", 8, debug: true).vector[.configuration] == .unsupportableConfig)
    }

    @Test func theDigestNamesTheExactPolicyAndData() throws {
        let standard = try RegoAppraisalPolicy.standard()
        let tuned = try RegoAppraisalPolicy.standard(data: ["profiles": [:]])
        #expect(standard.id == "assay-default-v1")
        #expect(standard.digest.count == 64)
        #expect(standard.digest != tuned.digest)
        let result = try appraise(verdict(), matchingDocument)
        #expect(result.policyID == standard.id && result.policyDigest == standard.digest)
    }

    @Test(arguments: [
        #"[]"#, #"{"reference_values":{}}"#, #"{"reference_values":[{"tee":"sample","claim":"m"}]}"#,
        #"{"reference_values":[{"tee":"sample","claim":"m","values":["a"],"colour":"red"}]}"#,
        #"{"reference_values":[{"tee":"sample","claim":"m","values":[{"a":1}]}]}"#,
        #"{"reference_values":[{"tee":"sample","claim":"m","values":["a"],"expires":"tomorrow"}]}"#,
        #"{"reference_values":[{"tee":"sample","claim":"m","values":["a"],"component":"firmware"}]}"#,
        "not json",
    ])
    func invalidDocumentsAreRejectedWithTheirLocation(_ document: String) {
        #expect(throws: AppraisalError.self) { try ReferenceValueSet(json: Array(document.utf8)) }
    }

    @Test func documentRoundTrips() throws {
        let set = try ReferenceValueSet(json: Array(matchingDocument.utf8))
        #expect(try ReferenceValueSet(json: Array(set.json.compactText.utf8)) == set)
    }
}

/// A check name for verdicts made up by tests.
struct TestCheck: CheckName {
    let rawValue: String
}
