import AssayTestSupport
import AttestationCore
import Foundation
import SampleTEE
import Testing

/// `assay verify|attest|inspect|bench` with NVIDIA GPUs: composite verification of Sample evidence and a real 8-GPU
/// list, the attester without NVIDIA's library, the inspector and the bench suite.
@Suite(.serialized) struct NvidiaCLITests {
    static let vectors = SharedVectors.root.path
    static let list = "\(vectors)/nvidia/nvtrust_ppcie_8x_hopper_gpu_evidence.json"
    /// The 8-GPU list's request nonce.
    static let nonce = "4760e30534a0621357d458b1a7936551b5dc4cd1e69718adf7ed9fb0252a537e"
    /// Inside both the Sample development root's and the GPUs' validity.
    static let instant = "2026-06-01T00:00:00Z"

    /// A scratch directory holding Sample evidence whose report data is the GPUs' nonce (zero-padded).
    static func scratchWithSampleEvidence() throws -> URL {
        let scratch = try AssayProcess.scratch()
        let clock = FixedTimeSource(try #require(RFC3339.parse(instant)))
        let report = try SampleAttester(issuer: .development, clock: clock).attest(
            measurement: [UInt8](repeating: 3, count: 48), reportData: try Hex.decode(nonce) + [UInt8](repeating: 0, count: 32))
        try Data(report).write(to: scratch.appendingPathComponent("ev.bin"))
        return scratch
    }

    @Test(.sharedVectors) func compositeVerificationNamesEveryPart() throws {
        try SharedVectors.require()
        let scratch = try Self.scratchWithSampleEvidence()
        let bound = try AssayProcess.run(
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--gpu-evidence", Self.list, "--report-data", Self.nonce,
             "--as-of", Self.instant],
            in: scratch)
        #expect(bound.status == 0, "\(bound.stdout)\(bound.stderr)")
        for index in 0..<8 { #expect(bound.stdout.contains("Part nvidia-gpu-\(index): valid"), "\(bound.stdout)") }
        #expect(bound.stdout.contains("Overall:"))

        let json = try AssayProcess.run(
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--gpu-evidence", Self.list, "--report-data", Self.nonce,
             "--as-of", Self.instant, "--format", "json"],
            in: scratch)
        let document = try JSONValue(parsing: json.stdout)
        #expect(document["parts"]?.objectValue?.count == 8)
        #expect(document["result"]?["submods"]?.objectValue?.count == 9)

        // The same GPUs against runtime data they were not bound to: exit 1, every GPU's binding named.
        try Data(#"{"nonce":"another session"}"#.utf8).write(to: scratch.appendingPathComponent("rd.json"))
        let unbound = try AssayProcess.run(
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--gpu-evidence", Self.list, "--runtime-data", "rd.json",
             "--as-of", Self.instant],
            in: scratch)
        #expect(unbound.status == 1)
        #expect(unbound.stdout.contains("Part nvidia-gpu-7: REJECTED"), "\(unbound.stdout)")
        #expect(unbound.stdout.contains("report_data_binding"))
    }

    /// Without NVIDIA's management library the composite attester exits 2 saying what is missing, and writes no
    /// GPU list.
    @Test func attestWithoutNVMLExplainsWhatIsMissing() throws {
        let scratch = try AssayProcess.scratch()
        try Data("workload".utf8).write(to: scratch.appendingPathComponent("app"))
        try Data(#"{"nonce":"n"}"#.utf8).write(to: scratch.appendingPathComponent("rd.json"))
        let result = try AssayProcess.run(
            ["attest", "--tee", "sample+nvidia", "--workload", "app", "--runtime-data", "rd.json", "--out", "ev.bin",
             "--gpu-evidence-out", "gpus.json"],
            in: scratch, environment: ["ASSAY_NVML_LIBRARY": "/nonexistent/libnvidia-ml.so.1"])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("cannot load NVIDIA's management library"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("gpus.json").path))
        let wrongCPU = try AssayProcess.run(
            ["attest", "--tee", "tpm+nvidia", "--runtime-data", "rd.json", "--out", "ev", "--gpu-evidence-out", "g.json"],
            in: scratch)
        #expect(wrongCPU.status != 0)
        #expect(wrongCPU.stderr.contains("sample, snp or tdx"), "\(wrongCPU.stderr)")
    }

    @Test(.sharedVectors) func inspectShowsEveryFieldByName() throws {
        try SharedVectors.require()
        let result = try AssayProcess.run(
            ["inspect", "--tee", "nvidia", "\(Self.vectors)/nvidia/nvtrust_hopperAttestationReport.txt"], in: try AssayProcess.scratch())
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["NVIDIA SPDM measurement report", "1.1", "request nonce", "driver_version", "550.90.07",
                     "vbios_version", "96.00.9F.00.01", "fwid", "[64]"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }

    /// The bench suite runs on the real report and list (each case throws unless the evidence verifies).
    @Test(.sharedVectors) func benchSuiteVerifiesTheRealReports() throws {
        try SharedVectors.require()
        let result = try AssayProcess.run(
            ["bench", "--suite", "nvidia", "--seconds", "0.2", "--format", "json"], in: try AssayProcess.scratch(),
            environment: ["ASSAY_VECTORS": Self.vectors])
        #expect(result.status == 0, "\(result.stderr)")
        let rates = try JSONValue(parsing: result.stdout)["results"]?.arrayValue?.compactMap { $0["per_second"]?.integerValue } ?? []
        #expect(rates.count == 4 && rates.allSatisfy { $0 > 0 }, "\(result.stdout)")
    }
}
