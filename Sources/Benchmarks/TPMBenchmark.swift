import AttestationCore
import Crypto
import _CryptoExtras
import Foundation
import TPM
import TPMDevice

extension BenchmarkSuite {
    /// TPM: whole quote verification (TPMS_ATTEST, TPMT_SIGNATURE, AK public area and 24 SHA-256 PCR values
    /// parsed, PCR digest recomputed, signature and extraData binding checked) for RSA-2048 and P-256 AKs, each
    /// after its raw signature check; plus the GCE vector (3 quotes, AK chain, event log replay) when present.
    public static func tpm() throws -> BenchmarkSuite {
        let runtime = RuntimeData(json: ["nonce": "bench"])
        let context = VerificationContext(asOf: Date(), expectedReportData: .runtimeData(runtime))
        let verifier = TPMVerifier()
        let rsaKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let p256Key = P256.Signing.PrivateKey()
        let rsa = try quoteEvidence(SoftwareQuoteSigner(key: .rsa(rsaKey)), runtime: runtime)
        let p256 = try quoteEvidence(SoftwareQuoteSigner(key: .p256(p256Key)), runtime: runtime)
        let message = [UInt8](repeating: 7, count: 145)
        let rsaSignature = try rsaKey.signature(for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
        let p256Signature = try p256Key.signature(for: SHA256.hash(data: message))
        var cases = [
            signatureBaseline("RSA-2048 PKCS#1 verify (baseline)") {
                rsaKey.publicKey.isValidSignature(rsaSignature, for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
            },
            Case(name: "TPM quote verify, RSA-2048 AK") {
                try await expectValid(verifier, rsa, context)
            },
            signatureBaseline("P-256 ECDSA verify (baseline for P-256)") {
                p256Key.publicKey.isValidSignature(p256Signature, for: SHA256.hash(data: message))
            },
            Case(name: "TPM quote verify, P-256 AK") {
                try await expectValid(verifier, p256, context)
            },
        ]
        if let gce = try gceEvidence() {
            cases.append(
                Case(name: "GCE attestation (3 quotes, chain, event log)") {
                    try await expectValid(verifier, gce.evidence, gce.context)
                })
        }
        return BenchmarkSuite(
            name: "tpm", summary: "TPM quotes verified per second vs. the raw signature check of their AK", cases: cases)
    }

    /// A quote over 24 SHA-256 PCRs by `signer`, bound to `runtime`, as tpm2-tools style evidence.
    static func quoteEvidence(_ signer: SoftwareQuoteSigner, runtime: RuntimeData) throws -> Evidence {
        let selection = PCRSelectionList([PCRSelection(hash: .sha256, indices: 0..<24)])
        var values = PCRValues()
        for index in 0..<24 { values[.sha256, index] = Array(SHA256.hash(data: [UInt8(index)])) }
        let quote = try signer.quote(
            values: values, selection: selection, extraData: runtime.reportData(for: .sha256),
            clock: TPMSClockInfo(clock: 1, resetCount: 0, restartCount: 0, safe: true))
        return Evidence(
            tee: .tpm, bytes: quote.attest.bytes,
            attachments: [
                TPMEvidence.Attachment.signature.rawValue: quote.signature.bytes,
                TPMEvidence.Attachment.akPublic.rawValue: signer.publicArea.sizedBytes,
                TPMEvidence.Attachment.pcrs.rawValue: values.concatenated(for: selection) ?? [],
            ])
    }

    /// The GCE COS 85 vector with its collateral, as of its suggested instant, if the vectors are present.
    static func gceEvidence() throws -> (evidence: Evidence, context: VerificationContext)? {
        let root = vectorsRoot
        let file = root.appendingPathComponent("tpm/gce_cos85_nonce9009_attestation.pb")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let collateral = try ["tpm/roots/gce_tpm_ek_intermediate_2.crt", "tpm/roots/gce_tpm_ek_root_1.cer"].map {
            CollateralItem(source: $0, bytes: Array(try Data(contentsOf: root.appendingPathComponent($0))))
        }
        let asOf = RFC3339.parse("2021-09-01T23:11:05Z") ?? Date()
        return (
            Evidence(tee: .tpm, bytes: Array(try Data(contentsOf: file))),
            VerificationContext(asOf: asOf, collateral: collateral)
        )
    }
}
