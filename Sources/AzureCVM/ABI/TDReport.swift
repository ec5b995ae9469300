public import AttestationCore

/// TDREPORT_STRUCT (Intel TDX module ABI): what TDG.MR.REPORT returns inside the TD, unsigned (its MAC is only
/// checkable on the platform). In an Azure HCL report it stands for the TD quote, whose body must equal it.
///
/// | offset | size | part |
/// |---|---|---|
/// | 0x000 | 256 | REPORTMACSTRUCT |
/// | 0x100 | 239 | TEE_TCB_INFO |
/// | 0x1EF | 17 | reserved |
/// | 0x200 | 512 | TDINFO_STRUCT |
public struct TDReport: Sendable, Hashable {
    /// Length of a TDREPORT.
    public static let length = 1024

    /// REPORTTYPE, 0x000..<0x004: type (0x81 for TDX), subtype, version, reserved.
    public let reportType: [UInt8]
    /// CPUSVN, 0x010..<0x020.
    public let cpuSVN: [UInt8]
    /// TEE_TCB_INFO_HASH, 0x020..<0x050.
    public let teeTCBInfoHash: [UInt8]
    /// TEE_INFO_HASH, 0x050..<0x080.
    public let teeInfoHash: [UInt8]
    /// REPORTDATA, 0x080..<0x0C0.
    public let reportData: [UInt8]
    /// MAC, 0x0E0..<0x100.
    public let mac: [UInt8]
    /// TEE_TCB_INFO.VALID, 0x100..<0x108.
    public let tcbInfoValid: [UInt8]
    /// TEE_TCB_INFO.TEE_TCB_SVN, 0x108..<0x118.
    public let teeTCBSVN: [UInt8]
    /// TEE_TCB_INFO.MRSEAM, 0x118..<0x148.
    public let mrSeam: [UInt8]
    /// TEE_TCB_INFO.MRSIGNERSEAM, 0x148..<0x178.
    public let mrSignerSeam: [UInt8]
    /// TEE_TCB_INFO.ATTRIBUTES, 0x178..<0x180.
    public let seamAttributes: [UInt8]
    /// TEE_TCB_INFO.TEE_TCB_SVN2, 0x180..<0x190 (TDX 1.5).
    public let teeTCBSVN2: [UInt8]
    /// TDINFO.ATTRIBUTES, 0x200..<0x208.
    public let tdAttributes: [UInt8]
    /// TDINFO.XFAM, 0x208..<0x210.
    public let xfam: [UInt8]
    /// TDINFO.MRTD, 0x210..<0x240.
    public let mrTD: [UInt8]
    /// TDINFO.MRCONFIGID, 0x240..<0x270.
    public let mrConfigID: [UInt8]
    /// TDINFO.MROWNER, 0x270..<0x2A0.
    public let mrOwner: [UInt8]
    /// TDINFO.MROWNERCONFIG, 0x2A0..<0x2D0.
    public let mrOwnerConfig: [UInt8]
    /// TDINFO.RTMR0…3, 0x2D0..<0x390.
    public let rtmrs: [[UInt8]]
    /// TDINFO.SERVTD_HASH, 0x390..<0x3C0 (TDX 1.5).
    public let servTDHash: [UInt8]
    /// Reserved ranges found set.
    public let reservedFields: ReservedFields

    /// Reads a TDREPORT from the first ``length`` bytes of `bytes`; the rest (the HCL slot's padding) is ignored.
    public init(parsing bytes: some Collection<UInt8>) throws {
        do {
            var reader = ByteReader(Array(bytes.prefix(Self.length)))
            var reserved = ReservedFields()
            reportType = try reader.readArray(4, field: "TDREPORT REPORTTYPE")
            try reader.readReserved(12, field: "TDREPORT RESERVED1", into: &reserved)
            cpuSVN = try reader.readArray(16, field: "TDREPORT CPUSVN")
            teeTCBInfoHash = try reader.readArray(48, field: "TDREPORT TEE_TCB_INFO_HASH")
            teeInfoHash = try reader.readArray(48, field: "TDREPORT TEE_INFO_HASH")
            reportData = try reader.readArray(64, field: "TDREPORT REPORTDATA")
            try reader.readReserved(32, field: "TDREPORT RESERVED2", into: &reserved)
            mac = try reader.readArray(32, field: "TDREPORT MAC")
            tcbInfoValid = try reader.readArray(8, field: "TEE_TCB_INFO VALID")
            teeTCBSVN = try reader.readArray(16, field: "TEE_TCB_INFO TEE_TCB_SVN")
            mrSeam = try reader.readArray(48, field: "TEE_TCB_INFO MRSEAM")
            mrSignerSeam = try reader.readArray(48, field: "TEE_TCB_INFO MRSIGNERSEAM")
            seamAttributes = try reader.readArray(8, field: "TEE_TCB_INFO ATTRIBUTES")
            teeTCBSVN2 = try reader.readArray(16, field: "TEE_TCB_INFO TEE_TCB_SVN2")
            try reader.readReserved(95, field: "TEE_TCB_INFO RESERVED", into: &reserved)
            try reader.readReserved(17, field: "TDREPORT RESERVED", into: &reserved)
            tdAttributes = try reader.readArray(8, field: "TDINFO ATTRIBUTES")
            xfam = try reader.readArray(8, field: "TDINFO XFAM")
            mrTD = try reader.readArray(48, field: "TDINFO MRTD")
            mrConfigID = try reader.readArray(48, field: "TDINFO MRCONFIGID")
            mrOwner = try reader.readArray(48, field: "TDINFO MROWNER")
            mrOwnerConfig = try reader.readArray(48, field: "TDINFO MROWNERCONFIG")
            var rtmrs: [[UInt8]] = []
            for index in 0..<4 { rtmrs.append(try reader.readArray(48, field: "TDINFO RTMR\(index)")) }
            self.rtmrs = rtmrs
            servTDHash = try reader.readArray(48, field: "TDINFO SERVTD_HASH")
            try reader.readReserved(64, field: "TDINFO RESERVED", into: &reserved)
            reservedFields = reserved
        } catch let error as AttestationCoreError {
            throw AzureCVMError.malformedTDReport(error)
        }
    }

    /// REPORTTYPE.TYPE (0x81: TDX).
    public var type: UInt8 { reportType.first ?? 0 }
}
