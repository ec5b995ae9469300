import AttestationCore
import Crypto
import Foundation
import SampleTEE

extension BenchmarkSuite {
    /// Sample TEE: full verification against the raw P-256 ECDSA verifications it performs (two per report).
    public static func sample() throws -> BenchmarkSuite {
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        let runtime = RuntimeData(json: ["nonce": "bench"])
        let report = try attester.attest(
            measurement: WorkloadMeasurement.measure(bytes: [1, 2, 3]), runtimeData: runtime)
        let evidence = Evidence(tee: .sample, bytes: report)
        let context = VerificationContext(asOf: Date(), expectedReportData: .runtimeData(runtime))
        let verifier = SampleVerifier()
        let key = P256.Signing.PrivateKey()
        let message = [UInt8](repeating: 7, count: 128)
        let signature = try key.signature(for: message)
        return BenchmarkSuite(
            name: "sample",
            summary: "Sample TEE reports verified per second vs. two raw P-256 ECDSA verifications",
            cases: [
                signatureBaseline("2 x P-256 ECDSA verify (baseline)") {
                    key.publicKey.isValidSignature(signature, for: message)
                        && key.publicKey.isValidSignature(signature, for: message)
                },
                Case(name: "Sample TEE verify") {
                    try await expectValid(verifier, evidence, context)
                },
            ])
    }
}
