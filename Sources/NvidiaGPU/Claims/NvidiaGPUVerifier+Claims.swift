import AttestationCore
import PKI

extension NvidiaGPUVerifier {
    /// One device's claims: `spdm_version`, `slot_id`, `number_of_blocks`, `measurements {"1": hex, …}` (by SPDM
    /// block index), `opaque {driver_version, vbios_version, fwid, chip_sku, project, …}`, `request_nonce`,
    /// `response_nonce`, `report_data` (the request nonce), `cert_chain [CN, …]`, `device_type` (`gpu` or
    /// `nvswitch`), `cc_feature` (`spt`, `mpt`, `ppcie` from the feature flag, when sent),
    /// `trailing_bytes_after_signature`, and from an evidence list `arch` and the `declared_*` members.
    func claims(_ report: DeviceReport, device: DeviceEvidence, chain: [X509Certificate]) -> Claims {
        let response = report.response
        let opaque = response.opaqueData
        var measurements: [String: JSONValue] = [:]
        for block in response.blocks { measurements[String(block.index)] = .hex(block.value) }
        var claims: Claims = [
            "tee": .string(tee.rawValue),
            "spdm_version": .string(report.versionText),
            "slot_id": .integer(Int64(response.slotID)),
            "number_of_blocks": .integer(Int64(response.declaredBlockCount)),
            "measurements": .object(measurements),
            "opaque": .object(opaque.claims),
            "request_nonce": .hex(report.request.nonce),
            "response_nonce": .hex(response.nonce),
            "report_data": .hex(report.request.nonce),
            "cert_chain": .array(chain.map { $0.subjectCommonName.map(JSONValue.string) ?? .null }),
            "device_type": .string(Self.deviceType(arch: device.arch, leaf: chain.first, opaque: opaque)),
            "trailing_bytes_after_signature": .integer(Int64(response.trailingBytes)),
        ]
        if let flag = opaque.value(.featureFlag) { claims["cc_feature"] = .string(Self.feature(flag)) }
        if let arch = device.arch { claims["arch"] = .string(arch) }
        if let nonce = device.declaredNonce { claims["declared_nonce"] = .string(nonce) }
        for (name, value) in device.declared where name != "version" { claims["declared_\(name)"] = .string(value) }
        return claims
    }

    /// `nvswitch` for LS10 switches (by the list's arch, the leaf's name or the switch-only PDI field), else `gpu`.
    static func deviceType(arch: String?, leaf: X509Certificate?, opaque: OpaqueData) -> String {
        let isSwitch = arch?.uppercased().hasPrefix("LS") == true || leaf?.subjectCommonName?.hasPrefix("LS_") == true
            || (opaque.value(.switchPDI) != nil && opaque.value(.gpuInfo) == nil)
        return isSwitch ? "nvswitch" : "gpu"
    }

    /// The feature flag (little-endian) by name: 0 single-GPU passthrough, 1 multi-GPU passthrough, 2 protected
    /// PCIe.
    static func feature(_ flag: [UInt8]) -> String {
        let value = flag.reversed().reduce(0) { ($0 << 8) | Int($1) }
        switch value {
        case 0: return "spt"
        case 1: return "mpt"
        case 2: return "ppcie"
        default: return "unknown (\(value))"
        }
    }
}
