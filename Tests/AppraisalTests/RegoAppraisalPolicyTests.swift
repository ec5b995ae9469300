import Appraisal
import AttestationCore
import Foundation
import Rego
import Testing

/// Policies of one's own: the output contract, errors, the clock.
@Suite struct RegoAppraisalPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func appraise(_ source: String, claims: Claims = ["debug": false]) throws -> AppraisalResult {
        let policy = try RegoAppraisalPolicy(id: "custom.rego", source: source)
        return try Appraiser(policy: policy, referenceValues: ReferenceValueSet())
            .appraise(Verdict(tee: .sample, claims: claims), runtimeData: RuntimeData(json: ["nonce": "n"]), at: now)
    }

    @Test func aCustomPolicyDecidesTheVectorAndSaysWhy() throws {
        let result = try appraise(
            """
            package assay.appraisal
            trust_vector := {"hardware": 97, "executables": 2} if input.runtime_data.nonce == "n"
            reasons contains {"component": "hardware", "check": "vendor", "expected": "a", "observed": input.tee}
            """)
        #expect(result.vector[.hardware] == .unrecognizedHardware)
        #expect(result.vector[.executables] == .approvedRuntime)
        #expect(result.vector[.configuration] == nil)
        #expect(result.status == .contraindicated)
        #expect(result.reasons == [AppraisalReason(component: .hardware, check: "vendor", expected: "a", observed: "sample")])
        #expect(result.policyID == "custom.rego")
    }

    @Test func timeIsTheAppraisalInstant() throws {
        let result = try appraise(
            """
            package assay.appraisal
            trust_vector := {"hardware": 2} if time.now_ns() == 1800000000000000000
            trust_vector := {"hardware": 96} if time.now_ns() != 1800000000000000000
            """)
        #expect(result.vector[.hardware] == .genuineHardware)
    }

    @Test func compileErrorsNameTheLineAndCode() {
        #expect {
            _ = try RegoAppraisalPolicy(id: "broken.rego", source: "package assay.appraisal\n\ntrust_vector := {\n")
        } throws: { error in
            guard case AppraisalError.invalidPolicy(let id, let rego) = error else { return false }
            return id == "broken.rego" && rego.code == "rego_parse_error" && rego.location?.line != nil
        }
        #expect {
            _ = try RegoAppraisalPolicy(id: "unsafe.rego", source: "package assay.appraisal\ntrust_vector := x if { y := 1 }\n")
        } throws: { error in
            guard case AppraisalError.invalidPolicy(_, let rego) = error else { return false }
            return rego.code == "rego_unsafe_var_error"
        }
    }

    @Test(arguments: [
        ("package assay.appraisal\nx := 1", "undefined"),
        ("package assay.appraisal\ntrust_vector := [2]", "must be an object"),
        ("package assay.appraisal\ntrust_vector := {\"firmware\": 2}", "unknown trust vector component"),
        ("package assay.appraisal\ntrust_vector := {\"hardware\": 300}", "-128...127"),
        ("package assay.appraisal\ntrust_vector := {\"hardware\": \"2\"}", "-128...127"),
        ("package assay.appraisal\ntrust_vector := {\"hardware\": 2}\nreasons := 3", "array or set"),
        ("package assay.appraisal\ntrust_vector := {\"hardware\": 2}\nreasons := [{\"check\": \"x\"}]", "known \"component\""),
    ])
    func unusableOutputIsAnErrorNotAResult(_ source: String, _ message: String) {
        #expect {
            _ = try appraise(source)
        } throws: { error in
            guard case AppraisalError.invalidPolicyOutput(_, let reason) = error else { return false }
            return reason.contains(message)
        }
    }

    @Test func evaluationErrorsAreThrown() {
        #expect {
            _ = try appraise("package assay.appraisal\ntrust_vector := {\"hardware\": 2}\ntrust_vector := {\"hardware\": 3}")
        } throws: { error in
            guard case AppraisalError.policyEvaluation(_, let rego) = error else { return false }
            return rego.code == "eval_conflict_error"
        }
    }

    @Test func theDataDocumentMustBeAnObject() {
        #expect(throws: AppraisalError.self) { _ = try RegoAppraisalPolicy.standard(data: [1, 2]) }
    }

    @Test func jsonValuesRoundTripThroughRego() {
        let value: JSONValue = [
            "big": .integer(Int64.max), "negative": -5, "fraction": .double(1.5), "text": "ü", "list": [true, .null],
            "nested": ["a": ["b": 1]],
        ]
        #expect(JSONValue(Rego.Value(value)) == value)
    }
}
