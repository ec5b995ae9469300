import AttestationCore
import AzureCVM
import Crypto
import Foundation
import SEVSNP
import _CryptoExtras

extension BenchmarkSuite {
    /// Azure confidential VM on SEV-SNP: full verification of a real HCL report (SNP report at VMPL 0, runtime data,
    /// vTPM quote bound to "challenge") with the VCEK chain cached, against the two raw signature checks it cannot
    /// avoid: one P-384 ECDSA (the SNP report) and one RSA-2048 PKCS#1 v1.5 (the vTPM quote).
    public static func azureSNP() throws -> BenchmarkSuite {
        let evidence = Evidence(
            tee: .azureSNP, bytes: try vector("azure/snp_vtpm/hcl-report.bin"),
            attachments: [AzureEvidence.tpmQuoteAttachment: try vector("azure/snp_vtpm/quote.bin")])
        let context = VerificationContext(
            asOf: Date(timeIntervalSince1970: 1_683_148_939),
            collateral: [CollateralItem(source: "vcek", bytes: try vector("azure/snp_vtpm/vcek.pem"))],
            expectedReportData: .exact(Array("challenge".utf8)))
        let verifier = AzureCVMVerifier(snp: SEVSNPVerifier())
        let ecdsa = P384.Signing.PrivateKey()
        let report = [UInt8](repeating: 7, count: AttestationReport.signedLength)
        let reportSignature = try ecdsa.signature(for: report)
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let quote = [UInt8](repeating: 9, count: 122)
        let quoteSignature = try rsa.signature(for: SHA256.hash(data: quote), padding: .insecurePKCS1v1_5)
        return BenchmarkSuite(
            name: "azure-snp",
            summary: "Azure SEV-SNP CVM evidence verified per second (VCEK chain cached) vs. one raw P-384 ECDSA plus "
                + "one raw RSA-2048 PKCS#1 v1.5 verification",
            cases: [
                signatureBaseline("P-384 ECDSA verify + RSA-2048 verify (baseline)") {
                    ecdsa.publicKey.isValidSignature(reportSignature, for: report)
                        && rsa.publicKey.isValidSignature(quoteSignature, for: SHA256.hash(data: quote), padding: .insecurePKCS1v1_5)
                },
                Case(name: "Azure SNP verify (chain cached)") {
                    try await expectValid(verifier, evidence, context)
                },
            ])
    }
}
