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

    /// RIMs → reference values: the driver and VBIOS RIMs import as of when they were in force (33 values for
    /// measurements.N), a tampered RIM or an expired one exits 1 naming the check, and an OCSP check that cannot be
    /// answered from an empty offline cache exits 2.
    @Test(.sharedVectors) func nvidiaRIMsImportAsReferenceValues() throws {
        try SharedVectors.require()
        let scratch = try AssayProcess.scratch()
        let rims = ["driver_RIM_test_no_gpu", "vbios_RIM_test_no_gpu"].map { "\(Self.vectors)/nvidia/rim/nvtrust_\($0).swidtag" }
        let imported = try AssayProcess.run(
            ["reference-values", "import", "--nvidia-rim"] + rims + ["--as-of", "2023-06-29T00:00:00Z", "--out", "rv.json"], in: scratch)
        #expect(imported.status == 0, "\(imported.stderr)")
        let entries = try JSONValue(parsing: Array(try Data(contentsOf: scratch.appendingPathComponent("rv.json"))))["reference_values"]?.arrayValue ?? []
        #expect(entries.count == 33)
        #expect(entries.allSatisfy { $0["tee"] == "nvidia" && $0["claim"]?.stringValue?.hasPrefix("measurements.") == true })
        #expect(imported.stderr.contains("revocation of the RIM signer was not checked"))

        let tampered = "\(Self.vectors)/tampered/nvidia-rim-nvtrust-vbios-1010-0200-882-96005e0001-prod__hash.swidtag"
        let refused = try AssayProcess.run(
            ["reference-values", "import", "--nvidia-rim", tampered, "--as-of", "2023-06-29T00:00:00Z"], in: scratch)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("document_digest"), "\(refused.stderr)")

        let expired = try AssayProcess.run(["reference-values", "import", "--nvidia-rim", rims[0]], in: scratch)
        #expect(expired.status == 1)
        #expect(expired.stderr.contains("rim_chain_validity"), "\(expired.stderr)")

        let offline = try AssayProcess.run(
            ["reference-values", "import", "--nvidia-rim", rims[0], "--as-of", "2023-06-29T00:00:00Z", "--collateral-cache", "empty"],
            in: scratch)
        #expect(offline.status == 2)
        #expect(offline.stderr.contains("not in the offline cache"), "\(offline.stderr)")
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
