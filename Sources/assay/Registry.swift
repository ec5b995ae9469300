import AttestationCore
import DCAP
import Foundation
import SampleTEE
import SEVSNP
import Server
import TPM

/// The one place that names concrete verifiers, inspectors and benchmarks (the composition root).
enum Registry {
    /// Every TEE verifier this build supports, for offline use (`assay verify`).
    static let verifiers: [any EvidenceVerifier] = Self.verifiers(tpm: TPMVerifier())

    /// The verifiers of `assay serve`: its TPM verifier trusts the AKs activated through the service's enrollment
    /// endpoints (and requires that activation of AKs without an AK certificate) and its configured EK CAs.
    static func verifiers(for server: VerifierEnvironment) -> [any EvidenceVerifier] {
        verifiers(tpm: TPMVerifier(registry: server.attestationKeys, roots: server.tpmRoots))
    }

    static func verifiers(tpm: TPMVerifier) -> [any EvidenceVerifier] {
        [
            SampleVerifier(), SEVSNPVerifier(), tpm, DCAPVerifier(tee: .tdx, pcs: intelPCS),
            DCAPVerifier(tee: .sgx, pcs: intelPCS),
        ]
    }

    /// Every evidence inspector this build supports.
    static let inspectors: [any EvidenceInspector] = [
        SampleInspector(), SEVSNPInspector(), TPMInspector(), DCAPInspector(tee: .tdx), DCAPInspector(tee: .sgx),
    ]

    /// Intel PCS, or the PCCS named by `ASSAY_PCCS_URL`, for DCAP collateral fetched with `--fetch-collateral`.
    static let intelPCS: IntelPCS = ProcessInfo.processInfo.environment["ASSAY_PCCS_URL"].map(IntelPCS.pccs) ?? .intel

    /// The TEE names accepted by `--tee`.
    static var teeNames: String { verifiers.map(\.tee.rawValue).sorted().joined(separator: ", ") }

    /// `assay bench` suites by name.
    static let benchmarks: [String: @Sendable () throws -> BenchmarkSuite] = [
        "sample": BenchmarkSuite.sample, "rego": BenchmarkSuite.rego, "snp": BenchmarkSuite.snp,
        "tpm": BenchmarkSuite.tpm, "dcap": BenchmarkSuite.dcap,
    ]

    /// The suite names accepted by `assay bench --suite`.
    static var benchmarkNames: String { benchmarks.keys.sorted().joined(separator: ", ") }
}
