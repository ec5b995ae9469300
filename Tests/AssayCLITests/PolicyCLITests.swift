import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import Testing

/// `assay verify --policy`, `assay policy check|eval|show-default`.
@Suite(.serialized) struct PolicyCLITests {
    let strictPolicy = """
        package assay.appraisal

        trust_vector := {"hardware": 0, "configuration": 2, "executables": 2} if input.claims.svn >= 1
        trust_vector := {"hardware": 0, "configuration": 32, "executables": 2} if input.claims.svn < 1

        reasons contains {"component": "configuration", "check": "svn", "expected": ">= 1", "observed": "0"} if {
            input.claims.svn < 1
        }
        """

    @Test func verifyAppliesTheGivenPolicyAndNamesItsDigest() throws {
        let workspace = try CLITests.Workspace()
        try workspace.write(Array(strictPolicy.utf8), to: "strict.rego")
        let result = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json", "--policy", "strict.rego",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let ear = try #require(try JSONValue(parsing: result.stdout)["result"]?["submods"]?["sample"])
        #expect(ear["ear.trustworthiness-vector"]?["executables"] == 2, "the custom policy, not the default, decided")
        #expect(ear["ear.appraisal-policy-id"] == "strict.rego")
        #expect(ear["assay.policy-sha256"] == .string(Hex.encode(SHA256.hash(data: Array(strictPolicy.utf8)))))

        let standard = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json", "--format", "json",
        ])
        let standardEAR = try #require(try JSONValue(parsing: standard.stdout)["result"]?["submods"]?["sample"])
        #expect(standardEAR["ear.appraisal-policy-id"] == "assay-default-v1")
        #expect(standardEAR["ear.trustworthiness-vector"]?["executables"] == 33)
    }

    @Test func brokenPoliciesAreUnusableInputWithTheirPosition() throws {
        let workspace = try CLITests.Workspace()
        try workspace.write(Array("package assay.appraisal\n\ntrust_vector := {\n".utf8), to: "broken.rego")
        let verify = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json", "--policy", "broken.rego",
        ])
        #expect(verify.status == 2)
        #expect(verify.stderr.contains("rego_parse_error"), "\(verify.stderr)")

        let check = try workspace.run(["policy", "check", "broken.rego"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("broken.rego:"), "\(check.stderr)")
        #expect(check.stderr.contains("rego_parse_error"))

        try workspace.write(Array("package p\nallow if { x == 1 }\n".utf8), to: "unsafe.rego")
        let unsafe = try workspace.run(["policy", "check", "unsafe.rego"])
        #expect(unsafe.status == 1)
        #expect(unsafe.stderr.contains("unsafe.rego:2:"), "\(unsafe.stderr)")
        #expect(unsafe.stderr.contains("rego_unsafe_var_error"))

        try workspace.write(Array(strictPolicy.utf8), to: "strict.rego")
        let good = try workspace.run(["policy", "check", "strict.rego"])
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test func evalPrintsDocumentsAndSolutions() throws {
        let workspace = try CLITests.Workspace()
        try workspace.write(Array(strictPolicy.utf8), to: "strict.rego")
        try workspace.write(Array(#"{"claims": {"svn": 0}}"#.utf8), to: "input.json")
        try workspace.write(Array(#"{"allowed": {"a": [1, 2]}}"#.utf8), to: "data.json")
        let vector = try workspace.run([
            "policy", "eval", "--data", "strict.rego", "--input", "input.json", "data.assay.appraisal.trust_vector",
        ])
        #expect(vector.status == 0, "\(vector.stderr)")
        #expect(try JSONValue(parsing: vector.stdout) == ["hardware": 0, "configuration": 32, "executables": 2])

        let solutions = try workspace.run(["policy", "eval", "--data", "data.json", "x := data.allowed.a[_]"])
        #expect(solutions.status == 0, "\(solutions.stderr)")
        #expect(try JSONValue(parsing: solutions.stdout) == [["x": 1], ["x": 2]])

        let undefined = try workspace.run(["policy", "eval", "--data", "strict.rego", "data.assay.appraisal.trust_vector"])
        #expect(undefined.status == 1)
        #expect(undefined.stderr.contains("undefined"))

        let clock = try workspace.run(["policy", "eval", "--now", "2030-01-01T00:00:00Z", "time.now_ns()"])
        #expect(clock.status == 0, "\(clock.stderr)")
        #expect(clock.stdout.contains("1893456000000000000"))
    }

    @Test func theDefaultPolicyIsPrintableAndEvaluatesLikeVerify() throws {
        let workspace = try CLITests.Workspace()
        let shown = try workspace.run(["policy", "show-default"])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("# Assay's default appraisal policy"))
        try workspace.write(Array(shown.stdout.utf8), to: "default.rego")
        let input: JSONValue = [
            "tee": "sample", "claims": ["debug": true], "verification": ["valid": true, "failures": []],
            "reference_values": [], "reference_value_matches": [], "runtime_data": .null,
        ]
        try workspace.write(Array(input.compactText.utf8), to: "input.json")
        let vector = try workspace.run([
            "policy", "eval", "--data", "default.rego", "--input", "input.json", "data.assay.appraisal.trust_vector",
        ])
        #expect(vector.status == 0, "\(vector.stderr)")
        #expect(try JSONValue(parsing: vector.stdout) == ["hardware": 0, "configuration": 96, "executables": 33])
    }
}
