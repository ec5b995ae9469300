import AttestationCore
import Attester
import Foundation
import TPM
import TPMDevice

/// One use of a TPM by the CLI: the TPM at `--tpm`, a fresh attestation key created in it, and what to quote with
/// it (`--pcr-selection`, the event log).
struct TPMSession {
    /// Where Linux exposes the firmware event log of the first TPM.
    static let kernelEventLog = "/sys/kernel/security/tpm0/binary_bios_measurements"

    let attester: TPMAttester
    let key: TPMClient.CreatedKey
    let selection: PCRSelectionList
    let eventLog: [UInt8]?

    /// Connects to the TPM and creates the attestation key (`--ak-type`).
    init(_ options: TPMAttesterOptions) throws {
        let address = try TPMDeviceAddress(parsing: options.address ?? "")
        selection = try PCRSelectionList(parsing: options.pcrSelection)
        var log = try options.eventLog.map { try InputFiles.read($0, what: "event log", limit: TCGEventLog.maxBytes) }
        if log == nil, case .device = address, FileManager.default.isReadableFile(atPath: Self.kernelEventLog) {
            log = try InputFiles.read(Self.kernelEventLog, what: "event log", limit: TCGEventLog.maxBytes)
        }
        eventLog = log
        attester = TPMAttester(client: try TPMClient.connect(address))
        let template = options.akType == "ecc-p256" ? TPMKeyTemplate.attestationECCP256 : TPMKeyTemplate.attestationRSA2048()
        key = try attester.createAttestationKey(template: template)
    }

    /// A quote of the selected PCRs with extraData = SHA-256 of the runtime data's bytes.
    func quote(_ runtime: RuntimeData) throws -> TPMQuoteEvidence {
        try attester.quote(runtimeData: runtime, selection: selection, with: key, eventLog: eventLog)
    }
}
