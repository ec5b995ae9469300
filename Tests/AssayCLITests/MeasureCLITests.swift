import AssayTestSupport
import AttestationCore
import Foundation
import SampleTEE
import Testing

/// `assay measure snp` from the command line: its output formats, and the round trip the issue asks for — measure →
/// reference values → `assay verify --reference-values` affirms executables whose measurement matches, and a kernel
/// with one byte changed does not.
@Suite(.sharedVectors) struct MeasureCLITests {
    static func firmware() throws -> String {
        try SharedVectors.require()
        return SharedVectors.root.appendingPathComponent("measure/ovmf_AmdSev_suffix.bin").path
    }

    @Test func formatsAgreeOnTheDigest() throws {
        let directory = try AssayProcess.scratch()
        let base = ["measure", "snp", "--ovmf", try Self.firmware(), "--vcpus", "2", "--vcpu-type", "EPYC-Milan"]
        let text = try AssayProcess.run(base, in: directory)
        #expect(text.status == 0, "\(text.stderr)")
        let digest = try #require(text.stdout.split(separator: "\n").last.map(String.init))
        #expect(digest.count == 96 && digest.allSatisfy(\.isHexDigit))
        let json = try JSONValue(parsing: Array(try AssayProcess.run(base + ["--format", "json"], in: directory).stdout.utf8))
        #expect(json["launch_digest"] == .string(digest))
        #expect(json["parameters"]?["vcpu_signature"] == .string("0xa00f11"))
        let document = try JSONValue(parsing: Array(try AssayProcess.run(base + ["--format", "reference-values"], in: directory).stdout.utf8))
        let entry = try #require(document["reference_values"]?.arrayValue?.first)
        #expect(entry["tee"] == .string("snp") && entry["claim"] == .string("measurement"))
        #expect(entry["values"] == .array([.string(digest)]))
        #expect(entry["provenance"]?.stringValue?.contains("ovmf=") == true)

        let wrong = try AssayProcess.run(["measure", "snp", "--ovmf", try Self.firmware(), "--vcpus", "2"], in: directory)
        #expect(wrong.status == 2 && wrong.stderr.contains("--vcpu-type"), "\(wrong.stderr)")
        let x64 = SharedVectors.root.appendingPathComponent("measure/ovmf_OvmfX64_suffix.bin").path
        try Data([1, 2, 3]).write(to: directory.appendingPathComponent("kernel"))
        let noHashes = try AssayProcess.run(
            ["measure", "snp", "--ovmf", x64, "--vcpus", "1", "--vcpu-type", "EPYC", "--kernel", "kernel"], in: directory)
        #expect(noHashes.status == 2 && noHashes.stderr.contains("AmdSev"), "\(noHashes.stderr)")
    }

    @Test func measuredReferenceValuesAffirmAMatchingMeasurementAndNotAChangedKernel() throws {
        let directory = try AssayProcess.scratch()
        var kernel = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(kernel).write(to: directory.appendingPathComponent("vmlinuz"))
        let measure = [
            "measure", "snp", "--ovmf", try Self.firmware(), "--vcpus", "4", "--vcpu-type", "EPYC-v4", "--kernel", "vmlinuz",
            "--append", "console=ttyS0", "--format", "reference-values",
        ]
        let measured = try AssayProcess.run(measure, in: directory)
        #expect(measured.status == 0, "\(measured.stderr)")
        // The Sample TEE stands in for SNP hardware: its evidence carries the measured digest as its measurement.
        let document = try JSONValue(parsing: Array(measured.stdout.utf8))
        let digest = try #require(document["reference_values"]?.arrayValue?.first?["values"]?.arrayValue?.first?.stringValue)
        let sample = measured.stdout.replacingOccurrences(of: "\"tee\": \"snp\"", with: "\"tee\": \"sample\"")
        try Data(sample.utf8).write(to: directory.appendingPathComponent("rv.json"))
        let runtime = RuntimeData(json: ["nonce": "round-trip"])
        try Data(runtime.bytes).write(to: directory.appendingPathComponent("rd.json"))
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        let report = try attester.attest(measurement: try Hex.decode(digest), runtimeData: runtime)
        try Data(report).write(to: directory.appendingPathComponent("ev.bin"))
        let verify = [
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json", "--reference-values", "rv.json",
            "--format", "json",
        ]
        let matching = try JSONValue(parsing: Array(try AssayProcess.run(verify, in: directory).stdout.utf8))
        #expect(matching["result"]?["submods"]?["sample"]?["ear.trustworthiness-vector"]?["executables"] == .integer(2))

        kernel[100] ^= 1
        try Data(kernel).write(to: directory.appendingPathComponent("vmlinuz"))
        let changed = try AssayProcess.run(measure, in: directory)
        let changedDigest = try JSONValue(parsing: Array(changed.stdout.utf8))["reference_values"]?.arrayValue?.first?["values"]?.arrayValue?.first?.stringValue
        #expect(changedDigest != nil && changedDigest != digest)
        try Data(changed.stdout.replacingOccurrences(of: "\"tee\": \"snp\"", with: "\"tee\": \"sample\"").utf8)
            .write(to: directory.appendingPathComponent("rv.json"))
        let output = try AssayProcess.run(verify, in: directory)
        let mismatched = try JSONValue(parsing: Array(output.stdout.utf8))
        let executables = mismatched["result"]?["submods"]?["sample"]?["ear.trustworthiness-vector"]?["executables"]?.integerValue
        #expect(executables != 2, "a changed kernel must not affirm executables")
        #expect(output.stdout.contains("measurement"), "the reason names the measurement claim")
    }

    /// Debian's OVMF.fd, which carries TDVF metadata (scripts/test.sh extracts it and sets ASSAY_OVMF).
    static let debianOVMF = ProcessInfo.processInfo.environment["ASSAY_OVMF"] ?? "/usr/share/ovmf/OVMF.fd"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: debianOVMF) || SharedVectors.isCI, "Debian's OVMF.fd is missing (scripts/test.sh extracts it)"))
    func tdxMeasurementRoundTripsToAffirmingReferenceValues() throws {
        let firmwarePath = Self.debianOVMF
        try #require(FileManager.default.fileExists(atPath: firmwarePath), "Debian's OVMF.fd (TDVF metadata) at \(firmwarePath); scripts/test.sh extracts it")
        let directory = try AssayProcess.scratch()
        var firmware = Array(try Data(contentsOf: URL(fileURLWithPath: firmwarePath)))
        try Data(firmware).write(to: directory.appendingPathComponent("OVMF.fd"))
        let measure = ["measure", "tdx", "--firmware", "OVMF.fd", "--format", "reference-values"]
        let measured = try AssayProcess.run(measure, in: directory)
        #expect(measured.status == 0, "\(measured.stderr)")
        let mrtd = try #require(try JSONValue(parsing: Array(measured.stdout.utf8))["reference_values"]?.arrayValue?.first?["values"]?.arrayValue?.first?.stringValue)
        // The Sample TEE stands in for TDX hardware: its measurement carries the MRTD.
        func verify(_ document: String, evidence measurement: String) throws -> Int64? {
            try SampleRoundTrip.verify(measurement: measurement, referenceValues: document, tee: "tdx", claim: "mr_td", in: directory).executables
        }
        #expect(try verify(measured.stdout, evidence: mrtd) == 2)
        // One byte of the measured boot firmware volume (the image's last pages) changed: another MRTD, not affirmed.
        firmware[firmware.count - 8192] ^= 1
        try Data(firmware).write(to: directory.appendingPathComponent("OVMF.fd"))
        let changed = try AssayProcess.run(measure, in: directory)
        #expect(changed.status == 0 && !changed.stdout.contains(mrtd), "\(changed.stderr)")
        #expect(try verify(changed.stdout, evidence: mrtd) != 2)
    }
}
