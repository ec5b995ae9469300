public import AttestationCore

/// A TD quote body: TD report 1.0 (584 bytes, v4 quotes and v5 body type 2) or 1.5 (648 bytes, v5 body type 3).
///
/// Offsets are relative to the start of the body (Intel TDX DCAP Quote Generation Library, TD Quote Body).
public struct TDReportBody: Sendable, Hashable {
    /// Length of a TD report 1.0 body.
    public static let length10 = 584
    /// Length of a TD report 1.5 body.
    public static let length15 = 648

    /// The exact body bytes, as signed.
    public let bytes: [UInt8]
    /// TEE_TCB_SVN, 0x000..<0x010: byte 0 is the TDX module SVN, byte 1 its major version.
    public let teeTCBSVN: [UInt8]
    /// MRSEAM, 0x010..<0x040: measurement of the TDX module.
    public let mrSeam: [UInt8]
    /// MRSIGNERSEAM, 0x040..<0x070: signer of the TDX module (zero for Intel's).
    public let mrSignerSeam: [UInt8]
    /// SEAMATTRIBUTES, 0x070..<0x078.
    public let seamAttributes: [UInt8]
    /// TDATTRIBUTES, 0x078..<0x080.
    public let tdAttributes: TDAttributes
    /// XFAM, 0x080..<0x088.
    public let xfam: [UInt8]
    /// MRTD, 0x088..<0x0B8: measurement of the initial TD contents.
    public let mrTD: [UInt8]
    /// MRCONFIGID, 0x0B8..<0x0E8.
    public let mrConfigID: [UInt8]
    /// MROWNER, 0x0E8..<0x118.
    public let mrOwner: [UInt8]
    /// MROWNERCONFIG, 0x118..<0x148.
    public let mrOwnerConfig: [UInt8]
    /// RTMR0…RTMR3, 0x148..<0x208 (48 bytes each).
    public let rtmrs: [[UInt8]]
    /// REPORTDATA, 0x208..<0x248.
    public let reportData: [UInt8]
    /// TEE_TCB_SVN2, 0x248..<0x258 (TD report 1.5 only).
    public let teeTCBSVN2: [UInt8]?
    /// MRSERVICETD, 0x258..<0x288 (TD report 1.5 only).
    public let mrServiceTD: [UInt8]?

    /// Reads a TD report 1.0 body, or 1.5 when `version15` is set.
    public init(parsing reader: inout ByteReader, version15: Bool) throws {
        let start = reader.offset
        teeTCBSVN = try reader.readArray(16, field: "TD report TEE_TCB_SVN")
        mrSeam = try reader.readArray(48, field: "TD report MRSEAM")
        mrSignerSeam = try reader.readArray(48, field: "TD report MRSIGNERSEAM")
        seamAttributes = try reader.readArray(8, field: "TD report SEAMATTRIBUTES")
        tdAttributes = TDAttributes(bytes: try reader.readArray(8, field: "TD report TDATTRIBUTES"))
        xfam = try reader.readArray(8, field: "TD report XFAM")
        mrTD = try reader.readArray(48, field: "TD report MRTD")
        mrConfigID = try reader.readArray(48, field: "TD report MRCONFIGID")
        mrOwner = try reader.readArray(48, field: "TD report MROWNER")
        mrOwnerConfig = try reader.readArray(48, field: "TD report MROWNERCONFIG")
        var rtmrs: [[UInt8]] = []
        for index in 0..<4 { rtmrs.append(try reader.readArray(48, field: "TD report RTMR\(index)")) }
        self.rtmrs = rtmrs
        reportData = try reader.readArray(64, field: "TD report REPORTDATA")
        if version15 {
            teeTCBSVN2 = try reader.readArray(16, field: "TD report TEE_TCB_SVN2")
            mrServiceTD = try reader.readArray(48, field: "TD report MRSERVICETD")
        } else {
            teeTCBSVN2 = nil
            mrServiceTD = nil
        }
        bytes = Array(reader.bytes[(reader.bytes.startIndex + start)..<(reader.bytes.startIndex + reader.offset)])
    }

    /// Whether this is a TD report 1.5 body (TDX 1.5 module, v5 quote body type 3).
    public var isVersion15: Bool { teeTCBSVN2 != nil }
}
