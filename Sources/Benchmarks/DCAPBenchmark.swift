import AttestationCore
import Crypto
import DCAP
import Foundation

extension BenchmarkSuite {
    /// Intel DCAP: full verification of real quotes (dcap-qvl's TDX v4 and SGX v3 samples with their collateral
    /// bundles, as of the bundles' month, report data checked) with collateral and per-platform results cached,
    /// against the two raw P-256 ECDSA verifications every quote needs (quote signature by the attestation key over
    /// header ‖ body, QE report signature by the PCK key).
    public static func dcap() throws -> BenchmarkSuite {
        let tdx = try dcapCase(
            tee: .tdx, quote: "tdx/dcapqvl_tdx_quote.dat", collateral: "tdx/collateral/dcapqvl_tdx_quote_collateral.json",
            asOf: "2025-06-20T10:32:27Z")
        let sgx = try dcapCase(
            tee: .sgx, quote: "sgx/dcapqvl_sgx_quote.dat", collateral: "sgx/collateral/dcapqvl_sgx_quote_collateral.json",
            asOf: "2025-06-20T10:56:11Z")
        let verifiers = (tdx: DCAPVerifier(tee: .tdx), sgx: DCAPVerifier(tee: .sgx))
        let quoteKey = P256.Signing.PrivateKey()
        let pckKey = P256.Signing.PrivateKey()
        let signedQuote = [UInt8](repeating: 7, count: tdx.signedLength)
        let qeReport = [UInt8](repeating: 9, count: EnclaveReportBody.length)
        let quoteSignature = try quoteKey.signature(for: signedQuote)
        let qeSignature = try pckKey.signature(for: qeReport)
        return BenchmarkSuite(
            name: "dcap",
            summary: "Intel DCAP quotes verified per second (collateral and per-platform results cached) vs. the two raw "
                + "P-256 ECDSA verifications each quote needs",
            cases: [
                signatureBaseline("2 x P-256 ECDSA verify, \(tdx.signedLength) + \(EnclaveReportBody.length) bytes (baseline)") {
                    quoteKey.publicKey.isValidSignature(quoteSignature, for: signedQuote)
                        && pckKey.publicKey.isValidSignature(qeSignature, for: qeReport)
                },
                Case(name: "TDX v4 quote verify (collateral cached)") {
                    try await expectValid(verifiers.tdx, tdx.evidence, tdx.context)
                },
                Case(name: "SGX v3 quote verify (collateral cached)") {
                    try await expectValid(verifiers.sgx, sgx.evidence, sgx.context)
                },
                Case(name: "TDX v4 quote verify (nothing cached)") {
                    try await expectValid(DCAPVerifier(tee: .tdx), tdx.evidence, tdx.context)
                },
            ])
    }

    /// One real quote with its collateral and instant.
    struct DCAPQuoteCase {
        let evidence: Evidence
        let context: VerificationContext
        let signedLength: Int
    }

    static func dcapCase(tee: TEEKind, quote path: String, collateral: String, asOf: String) throws -> DCAPQuoteCase {
        let bytes = try vector(path)
        let quote = try Quote(parsing: bytes)
        guard let instant = RFC3339.parse(asOf) else { throw BenchmarkError.unexpectedResult("bad benchmark instant \(asOf)") }
        let context = VerificationContext(
            asOf: instant, collateral: [CollateralItem(source: collateral, bytes: try vector(collateral))],
            expectedReportData: .exact(quote.body.reportData))
        return DCAPQuoteCase(evidence: Evidence(tee: tee, bytes: bytes), context: context, signedLength: quote.signedBytes.count)
    }
}
