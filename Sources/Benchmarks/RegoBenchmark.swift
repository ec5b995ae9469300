import Appraisal
import AttestationCore
import Foundation
import Rego

extension BenchmarkSuite {
    /// Rego: the built-in appraisal policy per appraisal vs. the floor of one trivial rule evaluation.
    public static func rego() throws -> BenchmarkSuite {
        let simple = try Policy(modules: [RegoModule(fileName: "simple.rego", source: "package bench\nallow if input.x == 1\n")])
            .prepare(document: "data.bench.allow")
        let simpleInput = try Rego.Value(json: #"{"x": 1}"#)
        let policy = try RegoAppraisalPolicy.standard()
        let verdict = Verdict(tee: .sample, claims: [
            "measurement": .string(String(repeating: "ab", count: 48)), "debug": .bool(false), "svn": .integer(3),
        ])
        let reference = ReferenceValue(
            tee: .sample, claim: "measurement", values: [String(repeating: "ab", count: 48)], provenance: "bench")
        let input = AppraisalInput(
            verdict: verdict, referenceValues: [reference],
            matches: ReferenceValueMatch.matchAll(claims: verdict.claims, referenceValues: [reference]),
            runtimeData: RuntimeData(json: ["nonce": "bench"]), instant: Date())
        return BenchmarkSuite(
            name: "rego",
            summary: "Appraisals per second with the built-in Rego policy vs. a one-rule policy evaluation",
            cases: [
                Case(name: "allow if input.x == 1 (baseline)") {
                    guard try simple.value(input: simpleInput) == .bool(true) else {
                        throw BenchmarkError.unexpectedResult("baseline rule was not true")
                    }
                },
                Case(name: "built-in appraisal policy") {
                    let result = try policy.appraise(input)
                    guard result.vector[.executables] == .approvedRuntime else {
                        throw BenchmarkError.unexpectedResult("benchmark appraisal was not affirming for executables")
                    }
                },
            ])
    }
}
