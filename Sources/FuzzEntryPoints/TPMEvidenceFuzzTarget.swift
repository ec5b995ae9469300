import AttestationCore
import TPM

/// `tpm-evidence`: TPM evidence in the interchange formats Assay accepts, through ``TPMEvidence`` and the
/// inspector; the first byte picks the form of the rest:
/// 0 one blob (go-tpm-tools `Attestation` protobuf or go-attestation JSON, told apart as the verifier does),
/// 1 a TCG event log alone (parse and replay),
/// 2 tpm2-tools files: ``FuzzInput/parts(_:)`` give the TPMS_ATTEST, then the attachments in ``attachments`` order.
public enum TPMEvidenceFuzzTarget: FuzzTarget {
    public static let name = "tpm-evidence"

    /// The tpm2-tools attachments, in the order of the parts after the TPMS_ATTEST.
    static let attachments: [TPMEvidence.Attachment] = [
        .signature, .akPublic, .pcrs, .eventLog, .ekCertificate, .akCertificate,
    ]

    public static func run(_ bytes: [UInt8]) {
        let input = FuzzInput(bytes)
        switch input.selector % 3 {
        case 0:
            _ = try? TPMInspector().inspect(Evidence(tee: .tpm, bytes: input.rest)).text
        case 1:
            guard let log = try? TCGEventLog(parsing: input.rest) else { return }
            _ = log.replay().values.json.compactBytes
        default:
            let parts = FuzzInput.parts(input.rest)
            var named: [String: [UInt8]] = [:]
            for (attachment, part) in zip(attachments, parts.dropFirst()) { named[attachment.rawValue] = part }
            let evidence = Evidence(tee: .tpm, bytes: parts.first ?? [], attachments: named)
            _ = try? TPMInspector().inspect(evidence).text
        }
    }
}
