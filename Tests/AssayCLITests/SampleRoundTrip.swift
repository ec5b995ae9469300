import AssayTestSupport
import AttestationCore
import Foundation
import SampleTEE

/// The last step of the measure → reference values → verify round trips: the Sample TEE stands in for SNP or TDX
/// hardware, its evidence carrying the measured value as its measurement.
enum SampleRoundTrip {
    /// Verifies Sample evidence whose measurement is `measurement` against `referenceValues` (a document for `tee`'s
    /// `claim`, retargeted at the Sample TEE's measurement claim); the executables tier and the verify output.
    static func verify(
        measurement: String, referenceValues: String, tee: String, claim: String, in directory: URL
    ) throws -> (executables: Int64?, output: String) {
        let sample = referenceValues.replacingOccurrences(of: "\"tee\": \"\(tee)\"", with: "\"tee\": \"sample\"")
            .replacingOccurrences(of: "\"claim\": \"\(claim)\"", with: "\"claim\": \"measurement\"")
        try Data(sample.utf8).write(to: directory.appendingPathComponent("rv-sample.json"))
        let runtime = RuntimeData(json: ["nonce": "round-trip"])
        try Data(runtime.bytes).write(to: directory.appendingPathComponent("rd.json"))
        let report = try SampleAttester(issuer: try SampleDeviceIssuer.development).attest(measurement: try Hex.decode(measurement), runtimeData: runtime)
        try Data(report).write(to: directory.appendingPathComponent("ev.bin"))
        let output = try AssayProcess.run(
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json", "--reference-values", "rv-sample.json", "--format", "json"],
            in: directory)
        let result = try JSONValue(parsing: Array(output.stdout.utf8))
        return (result["result"]?["submods"]?["sample"]?["ear.trustworthiness-vector"]?["executables"]?.integerValue, output.stdout)
    }
}
