import AttestationCore
import Appraisal
import DCAP
import Foundation
import HTTPCollateral
import SampleTEE

/// The one place that names concrete verifiers, inspectors and policies (the composition root).
enum Registry {
    /// Every TEE verifier this build supports.
    static let verifiers: [any EvidenceVerifier] = [
        SampleVerifier(), DCAPVerifier(tee: .tdx, pcs: intelPCS), DCAPVerifier(tee: .sgx, pcs: intelPCS),
    ]

    /// Every evidence inspector this build supports.
    static let inspectors: [any EvidenceInspector] = [
        SampleInspector(), DCAPInspector(tee: .tdx), DCAPInspector(tee: .sgx),
    ]

    /// Intel PCS, or the PCCS named by `ASSAY_PCCS_URL`, for collateral fetched with `--fetch-collateral`.
    static let intelPCS: IntelPCS = ProcessInfo.processInfo.environment["ASSAY_PCCS_URL"].map(IntelPCS.pccs) ?? .intel

    /// Vendor collateral over HTTPS (AMD KDS, Intel PCS/PCCS) behind an on-disk cache in `directory`.
    static func collateralProvider(cacheDirectory directory: URL) -> any CollateralProvider {
        CachedCollateralProvider(upstream: HTTPCollateralProvider(), directory: directory)
    }

    /// The default collateral cache: `$XDG_CACHE_HOME/assay/collateral` or `~/.cache/assay/collateral`.
    static var defaultCollateralCache: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("assay").appendingPathComponent("collateral")
    }

    /// The TEE names accepted by `--tee`.
    static var teeNames: String { verifiers.map(\.tee.rawValue).sorted().joined(separator: ", ") }

    /// `assay bench` suites by name.
    static let benchmarks: [String: @Sendable () throws -> BenchmarkSuite] = [
        "sample": BenchmarkSuite.sample, "tdx": BenchmarkSuite.tdx, "sgx": BenchmarkSuite.sgx,
    ]

    /// The suite names accepted by `assay bench --suite`.
    static var benchmarkNames: String { benchmarks.keys.sorted().joined(separator: ", ") }

    /// The appraisal policy used when none is configured.
    static let defaultPolicy: any AppraisalPolicy = DefaultAppraisalPolicy()
}
