public import Foundation

/// Collects SEV-SNP evidence inside a guest: configfs-tsm (provider `sev_guest`; `auxblob` = certificate table)
/// when the kernel has it, otherwise `/dev/sev-guest` (SNP_GET_EXT_REPORT).
///
/// The evidence is the 1184-byte report immediately followed by the certificate table, if the host supplied one
/// (the extended-report form `assay verify --tee snp` reads).
public struct SNPAttester: Sendable {
    /// The configfs-tsm provider name of the SEV-SNP guest driver.
    public static let provider = "sev_guest"

    /// The configfs-tsm interface.
    public let tsm: ConfigFSTSM
    /// The fallback device.
    public let device: SNPGuestDevice

    public init(tsm: ConfigFSTSM = ConfigFSTSM(), device: SNPGuestDevice = SNPGuestDevice()) {
        self.tsm = tsm
        self.device = device
    }

    /// Requests a report over `reportData` (64 bytes: SHA-512 of the runtime data) at `vmpl`; `entry` names the
    /// configfs-tsm report entry (default: a fresh one, removed afterwards).
    public func attest(reportData: [UInt8], vmpl: Int = 0, entry: String = "assay-\(UUID().uuidString)") throws -> [UInt8] {
        if tsm.isAvailable {
            let report = try tsm.report(inblob: reportData, name: entry, privilegeLevel: vmpl, provider: Self.provider)
            return report.outblob + (report.auxblob ?? [])
        }
        guard device.isAvailable else {
            throw AttesterError.interfaceUnavailable(
                "neither \(tsm.root.path) (configfs-tsm) nor \(device.path) exists: run inside an SEV-SNP guest")
        }
        let result = try device.report(reportData: reportData, vmpl: UInt32(clamping: vmpl))
        return result.report + (result.certificates ?? [])
    }
}
