import AttestationCore
import Crypto
import Foundation
import Nitro

extension BenchmarkSuite {
    /// AWS Nitro Enclaves: full verification of a real attestation document (Evervault's, as of its leaf
    /// certificate's three hours, user_data bound) with the chain cached, against the one raw P-384 ECDSA
    /// verification over a Sig_structure of the same size that it cannot avoid.
    public static func nitro() throws -> BenchmarkSuite {
        let bytes = EvidenceEncoding.decode(try vector("nitro/evervault_valid_attestation_doc.b64")).bytes
        let message = try COSESign1(parsing: bytes)
        let document = try AttestationDocument(payload: message.payload)
        guard let instant = RFC3339.parse("2023-09-18T15:03:30Z"), let userData = document.userData else {
            throw BenchmarkError.unexpectedResult("the Nitro benchmark document has no user_data")
        }
        let evidence = Evidence(tee: .nitro, bytes: bytes)
        let context = VerificationContext(asOf: instant, expectedReportData: .exact(userData))
        let verifier = NitroVerifier()
        let key = P384.Signing.PrivateKey()
        let signed = [UInt8](repeating: 7, count: message.signedBytes.count)
        let signature = try key.signature(for: signed)
        return BenchmarkSuite(
            name: "nitro",
            summary: "Nitro attestation documents verified per second (chain cached) vs. one raw P-384 ECDSA verification",
            cases: [
                signatureBaseline("P-384 ECDSA verify, \(signed.count) bytes (baseline)") {
                    key.publicKey.isValidSignature(signature, for: signed)
                },
                Case(name: "Nitro document verify (chain cached)") {
                    try await expectValid(verifier, evidence, context)
                },
                Case(name: "Nitro document verify (nothing cached)") {
                    try await expectValid(NitroVerifier(), evidence, context)
                },
            ])
    }
}
