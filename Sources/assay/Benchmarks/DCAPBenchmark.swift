import AttestationCore
import Crypto
import DCAP
import Foundation

extension BenchmarkSuite {
    /// TDX: real quote (dcap-qvl's v4 sample) with its collateral bundle, verified as of the bundle's month.
    static func tdx() throws -> BenchmarkSuite {
        try dcap(
            tee: .tdx, quote: "tdx/dcapqvl_tdx_quote.dat", collateral: "tdx/collateral/dcapqvl_tdx_quote_collateral.json",
            asOf: "2025-06-20T10:32:27Z")
    }

    /// SGX: real v3 quote (dcap-qvl's sample) with its collateral bundle.
    static func sgx() throws -> BenchmarkSuite {
        try dcap(
            tee: .sgx, quote: "sgx/dcapqvl_sgx_quote.dat", collateral: "sgx/collateral/dcapqvl_sgx_quote_collateral.json",
            asOf: "2025-06-20T10:56:11Z")
    }

    /// Full DCAP verification with per-platform results cached, against the two P-256 verifications it needs
    /// (quote signature by the attestation key, QE report signature by the PCK key).
    static func dcap(tee: TEEKind, quote: String, collateral: String, asOf: String) throws -> BenchmarkSuite {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["ASSAY_VECTORS"] ?? "../shared/vectors")
        func read(_ path: String) throws -> [UInt8] {
            do { return Array(try Data(contentsOf: root.appendingPathComponent(path))) } catch {
                throw CLIError.unreadable(
                    path: root.appendingPathComponent(path).path, what: "benchmark vector", reason: "set ASSAY_VECTORS to the shared vectors")
            }
        }
        let evidence = Evidence(tee: tee, bytes: try read(quote))
        guard let instant = RFC3339.parse(asOf) else { throw CLIError.invalidArgument("bad benchmark instant \(asOf)") }
        let context = VerificationContext(
            asOf: instant, collateral: [CollateralItem(source: collateral, bytes: try read(collateral))])
        let verifier = DCAPVerifier(tee: tee)
        let key = P256.Signing.PrivateKey()
        let message = [UInt8](repeating: 7, count: 128)
        let signature = try key.signature(for: message)
        let name = tee.rawValue.uppercased()
        return BenchmarkSuite(
            name: tee.rawValue,
            summary: "\(name) quotes verified per second (collateral and per-platform results cached) vs. two raw P-256 ECDSA verifications",
            cases: [
                Case(name: "2 x P-256 ECDSA verify (baseline)") {
                    guard key.publicKey.isValidSignature(signature, for: message),
                        key.publicKey.isValidSignature(signature, for: message)
                    else { throw CLIError.invalidArgument("baseline signature failed") }
                },
                Case(name: "\(name) quote verify (cached platform)") {
                    let verdict = try await verifier.verify(evidence, context: context)
                    guard verdict.isValid else {
                        throw CLIError.invalidArgument("benchmark quote rejected: \(verdict.failures.map(\.description))")
                    }
                },
                Case(name: "\(name) quote verify (cold cache)") {
                    let verdict = try await DCAPVerifier(tee: tee).verify(evidence, context: context)
                    guard verdict.isValid else { throw CLIError.invalidArgument("benchmark quote rejected") }
                },
            ])
    }
}
