public import AttestationCore

/// The opaque data of an NVIDIA MEASUREMENTS response: type-length-value fields (2-byte type, 2-byte size, both
/// little-endian) carrying the driver and VBIOS versions, SKU, chip and project identifiers, the FWID, and NVSwitch
/// details. Unknown types are kept under their number (newer firmware adds fields; they are signed like the rest).
public struct OpaqueData: Sendable, Hashable {
    /// Most fields read from one response (NVIDIA devices send about 15).
    public static let maxFields = 128

    /// A field type and its claim name, as NVIDIA's verifiers number them.
    public enum Field: UInt16, Sendable, CaseIterable {
        case certIssuerName = 1, certAuthorityKeyIdentifier, driverVersion, gpuInfo, sku, vbiosVersion, manufacturerID
        case tamperDetection, smc, vpr, nvdec0Status, msrscnt, cprinfo, boardID, chipSKU, chipSKUMod, project
        case projectSKU, projectSKUMod, fwid, protectedPCIeStatus, switchPDI, floorsweptPorts, positionID
        case lockSwitchStatus
        case gpuLinkConn = 32, sysEnableStatus, opaqueDataVersion, chipInfo, featureFlag

        /// The claim name (`driver_version`, `fwid`, …).
        public var name: String {
            switch self {
            case .certIssuerName: "cert_issuer_name"
            case .certAuthorityKeyIdentifier: "cert_authority_key_identifier"
            case .driverVersion: "driver_version"
            case .gpuInfo: "gpu_info"
            case .sku: "sku"
            case .vbiosVersion: "vbios_version"
            case .manufacturerID: "manufacturer_id"
            case .tamperDetection: "tamper_detection"
            case .smc: "smc"
            case .vpr: "vpr"
            case .nvdec0Status: "nvdec0_status"
            case .msrscnt: "msrscnt"
            case .cprinfo: "cprinfo"
            case .boardID: "board_id"
            case .chipSKU: "chip_sku"
            case .chipSKUMod: "chip_sku_mod"
            case .project: "project"
            case .projectSKU: "project_sku"
            case .projectSKUMod: "project_sku_mod"
            case .fwid: "fwid"
            case .protectedPCIeStatus: "protected_pcie_status"
            case .switchPDI: "switch_pdi"
            case .floorsweptPorts: "floorswept_ports"
            case .positionID: "position_id"
            case .lockSwitchStatus: "lock_switch_status"
            case .gpuLinkConn: "gpu_link_conn"
            case .sysEnableStatus: "sys_enable_status"
            case .opaqueDataVersion: "opaque_data_version"
            case .chipInfo: "chip_info"
            case .featureFlag: "feature_flag"
            }
        }

        /// Fields that hold NUL-padded ASCII text.
        var isText: Bool {
            [.driverVersion, .chipSKU, .chipSKUMod, .project, .projectSKU, .projectSKUMod].contains(self)
        }
    }

    /// The fields in the order sent: type and exact value bytes.
    public let fields: [(type: UInt16, value: [UInt8])]

    /// Parses the TLV list; a field that runs past the opaque data throws.
    init(_ bytes: ArraySlice<UInt8>) throws {
        var reader = ByteReader(bytes)
        var fields: [(type: UInt16, value: [UInt8])] = []
        while !reader.isAtEnd {
            guard fields.count < Self.maxFields else {
                throw AttestationCoreError.boundExceeded(field: "opaque data fields", value: fields.count + 1, limit: Self.maxFields)
            }
            let type = try reader.readLittleEndian(UInt16.self, field: "opaque DataType")
            let size = Int(try reader.readLittleEndian(UInt16.self, field: "opaque DataSize"))
            fields.append((type, try reader.readArray(size, field: "opaque field \(type)")))
        }
        self.fields = fields
    }

    public static func == (lhs: OpaqueData, rhs: OpaqueData) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.type == $1.type && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.type)
            hasher.combine(field.value)
        }
    }

    /// The value of the first field of `type`.
    public func value(_ field: Field) -> [UInt8]? {
        fields.first { $0.type == field.rawValue }?.value
    }

    /// The FWID the firmware reports (SHA-384 of the running GSP/FSP firmware), when the device sends one.
    public var fwid: [UInt8]? { value(.fwid) }

    /// Every field as a claim: text fields as text (NUL padding removed), the VBIOS version in NVIDIA's dotted form
    /// (`96.00.9F.00.01`), the rest as lowercase hex; unknown types under their number.
    public var claims: [String: JSONValue] {
        var claims: [String: JSONValue] = [:]
        for (type, value) in fields {
            guard let field = Field(rawValue: type) else {
                claims[String(type)] = .hex(value)
                continue
            }
            if field.isText {
                claims[field.name] = .string(Self.text(value))
            } else if field == .vbiosVersion {
                claims[field.name] = .string(Self.vbiosVersion(value))
            } else {
                claims[field.name] = .hex(value)
            }
        }
        return claims
    }

    /// NUL-padded ASCII as text (up to the first NUL).
    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// A GPU's 8-byte VBIOS version (little-endian 0x000000PP_MMNNOOQQ) as `MM.NN.OO.QQ.PP`, the form NVIDIA's tools
    /// and RIM names use; an NVSwitch sends the version as text already.
    static func vbiosVersion(_ bytes: [UInt8]) -> String {
        guard bytes.count == 8 else { return text(bytes) }
        let parts = [bytes[3], bytes[2], bytes[1], bytes[0], bytes[4]]
        return parts.map { Hex.encode([$0]).uppercased() }.joined(separator: ".")
    }
}
