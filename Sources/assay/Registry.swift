import AttestationCore
import Appraisal
import SampleTEE
import TPM

/// The one place that names concrete verifiers, inspectors and policies (the composition root).
enum Registry {
    /// Every TEE verifier this build supports.
    static let verifiers: [any EvidenceVerifier] = [SampleVerifier(), TPMVerifier()]

    /// Every evidence inspector this build supports.
    static let inspectors: [any EvidenceInspector] = [SampleInspector(), TPMInspector()]

    /// The TEE names accepted by `--tee`.
    static var teeNames: String { verifiers.map(\.tee.rawValue).sorted().joined(separator: ", ") }

    /// `assay bench` suites by name.
    static let benchmarks: [String: @Sendable () throws -> BenchmarkSuite] = [
        "sample": BenchmarkSuite.sample, "tpm": BenchmarkSuite.tpm,
    ]

    /// The suite names accepted by `assay bench --suite`.
    static var benchmarkNames: String { benchmarks.keys.sorted().joined(separator: ", ") }

    /// The appraisal policy used when none is configured.
    static let defaultPolicy: any AppraisalPolicy = DefaultAppraisalPolicy()
}
