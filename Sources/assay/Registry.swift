import AttestationCore
import AzureCVM
import DCAP
import Nitro
import NvidiaGPU
import Benchmarks
import Foundation
import SampleTEE
import SEVSNP
import Server
import TPM
import TPMService

/// The one place that names concrete verifiers, inspectors, service plug-ins and benchmarks (the composition root).
enum Registry {
    /// Every TEE verifier this build supports (for `assay verify`, and the defaults of `assay serve`).
    static let verifiers: [any EvidenceVerifier] = [
        SampleVerifier(), SEVSNPVerifier(kds: amdKDS), TPMVerifier(), DCAPVerifier(tee: .tdx, pcs: intelPCS),
        DCAPVerifier(tee: .sgx, pcs: intelPCS), NitroVerifier(), NvidiaGPUVerifier(), AzureCVMVerifier(snp: SEVSNPVerifier(kds: amdKDS)),
        AzureCVMVerifier(tdx: DCAPVerifier(tee: .tdx, pcs: intelPCS)),
    ]

    /// The service plug-ins of `assay serve`: the TPM's attestation-key enrollment (its verifier trusts the AKs it
    /// activated and its configured EK CAs).
    static let plugins: [any ServicePlugin] = [TPMServicePlugin()]

    /// Every setting of `assay serve`: the core's and the plug-ins'.
    static var serverSettings: [ServerSetting] { ServerSetting.core + plugins.flatMap(\.settings) }

    /// Every evidence inspector this build supports.
    static let inspectors: [any EvidenceInspector] = [
        SampleInspector(), SEVSNPInspector(), TPMInspector(), DCAPInspector(tee: .tdx), DCAPInspector(tee: .sgx),
        NitroInspector(), NvidiaInspector(), AzureCVMInspector(tee: .azureSNP), AzureCVMInspector(tee: .azureTDX),
    ]

    /// Intel PCS, or the PCCS named by `ASSAY_PCCS_URL`, for DCAP collateral fetched with `--fetch-collateral`.
    static let intelPCS: IntelPCS = ProcessInfo.processInfo.environment["ASSAY_PCCS_URL"].map(IntelPCS.pccs) ?? .intel

    /// AMD KDS, or the mirror named by `ASSAY_KDS_URL` (same API), for SEV-SNP collateral.
    static let amdKDS = AMDKDS(baseURL: ProcessInfo.processInfo.environment["ASSAY_KDS_URL"] ?? AMDKDS.defaultBaseURL)

    /// The TEE names accepted by `--tee`.
    static var teeNames: String { verifiers.map(\.tee.rawValue).sorted().joined(separator: ", ") }

    /// `assay bench` suites by name.
    static let benchmarks: [String: @Sendable () throws -> BenchmarkSuite] = [
        "sample": BenchmarkSuite.sample, "rego": BenchmarkSuite.rego, "snp": BenchmarkSuite.snp,
        "tpm": BenchmarkSuite.tpm, "dcap": BenchmarkSuite.dcap, "tls": BenchmarkSuite.tls,
        "measure": BenchmarkSuite.measure, "nitro": BenchmarkSuite.nitro, "azure-snp": BenchmarkSuite.azureSNP, "nvidia": BenchmarkSuite.nvidia,
    ]

    /// The suite names accepted by `assay bench --suite`.
    static var benchmarkNames: String { benchmarks.keys.sorted().joined(separator: ", ") }
}
