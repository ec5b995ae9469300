import AttestationCore
import AssayTestSupport
import Crypto
import _CryptoExtras
import Foundation
import TPM
import TPMDevice

/// Synthetic TPM evidence from software keys: quotes over chosen PCR values, bound to runtime data.
struct TPMFixture {
    /// A deterministic random source for reproducible challenges.
    struct CountingRandom: RandomSource {
        func bytes(count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } }
    }

    static let rsaKey = Result { try _RSA.Signing.PrivateKey(keySize: .bits2048) }
    static let selection = PCRSelectionList([
        PCRSelection(hash: .sha256, indices: 0..<8), PCRSelection(hash: .sha1, indices: [0, 7]),
    ])

    let signer: SoftwareQuoteSigner
    let runtime = RuntimeData(json: ["nonce": "tpm-fixture"])
    var values = PCRValues()

    init(ecc: Bool = false) throws {
        signer = try SoftwareQuoteSigner(key: ecc ? .p256(P256.Signing.PrivateKey()) : .rsa(try Self.rsaKey.get()))
        for entry in Self.selection.entries {
            values[entry.hash, entry.index] = try entry.hash.hash([UInt8(entry.index)], field: "test")
        }
    }

    /// A quote over ``values`` bound to `extraData` (default: the fixture's runtime data).
    func quote(extraData: [UInt8]? = nil) throws -> SignedQuote {
        try signer.quote(
            values: values, selection: Self.selection, extraData: extraData ?? runtime.reportData(for: .sha256),
            clock: TPMSClockInfo(clock: 12345, resetCount: 2, restartCount: 0, safe: true), firmwareVersion: 0x2019_1023_0016_3636)
    }

    /// tpm2-tools style evidence for `quote`, with the PCR values in the `values` layout.
    func evidence(_ quote: SignedQuote, values: PCRValues? = nil, attachments extra: [String: [UInt8]] = [:]) -> Evidence {
        var attachments: [String: [UInt8]] = [
            TPMEvidence.Attachment.signature.rawValue: quote.signature.bytes,
            TPMEvidence.Attachment.akPublic.rawValue: signer.publicArea.sizedBytes,
            TPMEvidence.Attachment.pcrs.rawValue: (values ?? self.values).concatenated(for: Self.selection) ?? [],
        ]
        attachments.merge(extra) { _, new in new }
        return Evidence(tee: .tpm, bytes: quote.attest.bytes, attachments: attachments)
    }

    func context(bind: Bool = true) -> VerificationContext {
        VerificationContext(asOf: Date(), expectedReportData: bind ? .runtimeData(runtime) : nil)
    }
}
