import AttestationCore
import NvidiaGPU

/// `nvidia-evidence-list`: nvtrust's evidence list JSON (`[{arch, certificate, evidence, nonce}]`): the JSON reader,
/// base64 members, PEM chains, and each device's report.
public enum NvidiaEvidenceListFuzzTarget: FuzzTarget {
    public static let name = "nvidia-evidence-list"

    public static func run(_ bytes: [UInt8]) {
        guard let devices = try? EvidenceList.parse(bytes) else { return }
        FuzzInput.require(
            (1...EvidenceList.maxDevices).contains(devices.count), "a parsed list has 1-\(EvidenceList.maxDevices) devices")
        for device in devices {
            FuzzInput.require(device.chain.count <= DeviceEvidence.maxChainCertificates, "a chain above its bound was accepted")
            _ = try? DeviceReport(bytes: device.report)
        }
    }
}
