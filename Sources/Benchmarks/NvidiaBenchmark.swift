import AttestationCore
import Crypto
import Foundation
import NvidiaGPU

extension BenchmarkSuite {
    /// NVIDIA GPUs: full verification of a real Hopper report (nvtrust's sample, request nonce bound, chain cached),
    /// against the one raw P-384 ECDSA verification over the same number of signed bytes that it cannot avoid; and
    /// the 8-GPU evidence list (eight such verifications).
    public static func nvidia() throws -> BenchmarkSuite {
        let report = EvidenceEncoding.decode(try vector("nvidia/nvtrust_hopperAttestationReport.txt")).bytes
        let chain = CollateralItem(source: "chain", bytes: try vector("nvidia/nvtrust_hopperCertChain.txt"))
        let list = try vector("nvidia/nvtrust_ppcie_8x_hopper_gpu_evidence.json")
        let parsed = try DeviceReport(bytes: report)
        guard let instant = RFC3339.parse("2024-01-01T00:00:00Z") else {
            throw BenchmarkError.unexpectedResult("the NVIDIA benchmark instant does not parse")
        }
        let context = VerificationContext(asOf: instant, collateral: [chain], expectedReportData: .exact(parsed.request.nonce))
        let listContext = VerificationContext(asOf: instant)
        let verifier = NvidiaGPUVerifier()
        let key = P384.Signing.PrivateKey()
        let signed = [UInt8](repeating: 7, count: parsed.signedBytes.count)
        let signature = try key.signature(for: signed)
        return BenchmarkSuite(
            name: "nvidia",
            summary: "NVIDIA GPU reports verified per second (chain cached) vs. one raw P-384 ECDSA verification",
            cases: [
                signatureBaseline("P-384 ECDSA verify, \(signed.count) bytes (baseline)") {
                    key.publicKey.isValidSignature(signature, for: signed)
                },
                Case(name: "GPU report verify (chain cached)") {
                    try await expectValid(verifier, Evidence(tee: .nvidia, bytes: report), context)
                },
                Case(name: "GPU report verify (nothing cached)") {
                    try await expectValid(NvidiaGPUVerifier(), Evidence(tee: .nvidia, bytes: report), context)
                },
                Case(name: "8-GPU evidence list verify (chains cached)") {
                    try await expectValid(verifier, Evidence(tee: .nvidia, bytes: list), listContext)
                },
            ])
    }
}
