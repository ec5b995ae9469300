import AttestationCore
import SampleTEE
import SEVSNP
import TPM

/// The one place that names concrete verifiers, inspectors and benchmarks (the composition root).
enum Registry {
    /// Every TEE verifier this build supports.
    static let verifiers: [any EvidenceVerifier] = [SampleVerifier(), SEVSNPVerifier(), TPMVerifier()]

    /// Every evidence inspector this build supports.
    static let inspectors: [any EvidenceInspector] = [SampleInspector(), SEVSNPInspector(), TPMInspector()]

    /// The TEE names accepted by `--tee`.
    static var teeNames: String { verifiers.map(\.tee.rawValue).sorted().joined(separator: ", ") }

    /// `assay bench` suites by name.
    static let benchmarks: [String: @Sendable () throws -> BenchmarkSuite] = [
        "sample": BenchmarkSuite.sample, "rego": BenchmarkSuite.rego, "snp": BenchmarkSuite.snp,
        "tpm": BenchmarkSuite.tpm,
    ]

    /// The suite names accepted by `assay bench --suite`.
    static var benchmarkNames: String { benchmarks.keys.sorted().joined(separator: ", ") }
}
