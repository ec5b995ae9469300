public import AttestationCore

/// Shows every field of an NVIDIA SPDM measurement report, or of each device of an nvtrust evidence list, without
/// verifying anything.
public struct NvidiaInspector: EvidenceInspector {
    public let tee = TEEKind.nvidia

    public init() {}

    public func inspect(_ evidence: Evidence) throws -> Inspection {
        if EvidenceList.isEvidenceList(evidence.bytes) {
            let devices = try EvidenceList.parse(evidence.bytes)
            var inspection = Inspection(title: "NVIDIA evidence list (\(devices.count) devices; not verified)")
            for (position, device) in devices.enumerated() {
                let report = try DeviceReport(bytes: device.report)
                inspection.sections += sections(report, name: "device \(position)\(device.arch.map { " (\($0))" } ?? "")")
            }
            return inspection
        }
        let report = try DeviceReport(bytes: evidence.bytes)
        var inspection = Inspection(title: "NVIDIA SPDM measurement report (\(evidence.bytes.count) bytes; not verified)")
        inspection.sections += sections(report, name: "report")
        return inspection
    }

    func sections(_ report: DeviceReport, name: String) -> [Inspection.Section] {
        let response = report.response
        let request = report.request
        let exchange = Inspection.Section(
            "\(name): SPDM exchange",
            [
                .init("version", report.versionText),
                .init("request", "code 0x\(Hex.encode([request.code])) Param1 0x\(Hex.encode([request.attributes])) "
                    + "Param2 0x\(Hex.encode([request.operation])) slot \(request.slotID)"),
                .init("request nonce", Hex.encode(request.nonce)),
                .init("response", "code 0x\(Hex.encode([response.code])) slot \(response.slotID)"),
                .init("blocks", "\(response.blocks.count) of \(response.declaredBlockCount) declared"),
                .init("response nonce", Hex.encode(response.nonce)),
                .init("signature", Hex.encode(response.signature) + " (\(response.signature.count) bytes)"),
                .init("trailing bytes", String(response.trailingBytes)),
            ])
        let opaque = Inspection.Section(
            "\(name): opaque data",
            response.opaqueData.claims.sorted { $0.key < $1.key }.map { .init($0.key, $0.value.stringValue ?? $0.value.compactText) })
        let blocks = Inspection.Section(
            "\(name): measurements",
            response.blocks.map { .init("[\($0.index)]", Hex.encode($0.value)) })
        return [exchange, opaque, blocks]
    }
}
