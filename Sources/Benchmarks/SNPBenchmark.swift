import AttestationCore
import Crypto
import Foundation
import SEVSNP

extension BenchmarkSuite {
    /// SEV-SNP: full verification of a real Milan report (go-sev-guest vector: report, VCEK, ASK + ARK) with the
    /// chain cached, against the one raw P-384 ECDSA verification it cannot avoid.
    public static func snp() throws -> BenchmarkSuite {
        let evidence = Evidence(tee: .snp, bytes: try vector("snp/milan_gosevguest_report.bin"))
        let collateral = [
            CollateralItem(source: "vcek", bytes: try vector("snp/milan_gosevguest_vcek.der")),
            CollateralItem(source: "ca", bytes: try vector("snp/milan_gosevguest_ask_ark.pem")),
        ]
        let context = VerificationContext(
            asOf: Date(timeIntervalSince1970: 1_664_067_328), collateral: collateral,
            expectedReportData: .exact([1, 2, 3, 4, 5]))
        let verifier = SEVSNPVerifier()
        let key = P384.Signing.PrivateKey()
        let message = [UInt8](repeating: 7, count: AttestationReport.signedLength)
        let signature = try key.signature(for: message)
        return BenchmarkSuite(
            name: "snp",
            summary: "SEV-SNP reports verified per second (VCEK chain cached) vs. one raw P-384 ECDSA verification",
            cases: [
                signatureBaseline("P-384 ECDSA verify, 672 bytes (baseline)") {
                    key.publicKey.isValidSignature(signature, for: message)
                },
                Case(name: "SEV-SNP verify (chain cached)") {
                    try await expectValid(verifier, evidence, context)
                },
                Case(name: "SEV-SNP verify (chain verified every time)") {
                    try await expectValid(SEVSNPVerifier(), evidence, context)
                },
            ])
    }
}
