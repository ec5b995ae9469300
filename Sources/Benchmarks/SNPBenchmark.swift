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
                Case(name: "P-384 ECDSA verify, 672 bytes (baseline)") {
                    guard key.publicKey.isValidSignature(signature, for: message) else {
                        throw BenchmarkError.unexpectedResult("baseline signature failed")
                    }
                },
                Case(name: "SEV-SNP verify (chain cached)") {
                    let verdict = try await verifier.verify(evidence, context: context)
                    guard verdict.isValid else { throw BenchmarkError.unexpectedResult("benchmark evidence rejected: \(verdict.failures)") }
                },
                Case(name: "SEV-SNP verify (chain verified every time)") {
                    let verdict = try await SEVSNPVerifier().verify(evidence, context: context)
                    guard verdict.isValid else { throw BenchmarkError.unexpectedResult("benchmark evidence rejected") }
                },
            ])
    }
}
