public import AttestationCore

/// An SGX enclave report body (384 bytes): the body of an SGX v3 quote and the QE report in every quote.
///
/// Offsets are relative to the start of the body (Intel SGX `sgx_report_body_t`).
public struct EnclaveReportBody: Sendable, Hashable {
    /// Length of the body.
    public static let length = 384

    /// The exact 384 bytes, as signed.
    public let bytes: [UInt8]
    /// CPUSVN, 0x000..<0x010.
    public let cpuSVN: [UInt8]
    /// MISCSELECT, 0x010..<0x014 (little-endian).
    public let miscSelect: UInt32
    /// ISVEXTPRODID, 0x020..<0x030.
    public let isvExtProdID: [UInt8]
    /// ATTRIBUTES, 0x030..<0x040 (flags ‖ XFRM).
    public let attributes: EnclaveAttributes
    /// MRENCLAVE, 0x040..<0x060.
    public let mrEnclave: [UInt8]
    /// MRSIGNER, 0x080..<0x0A0.
    public let mrSigner: [UInt8]
    /// CONFIGID, 0x0C0..<0x100.
    public let configID: [UInt8]
    /// ISVPRODID, 0x100..<0x102.
    public let isvProdID: UInt16
    /// ISVSVN, 0x102..<0x104.
    public let isvSVN: UInt16
    /// CONFIGSVN, 0x104..<0x106.
    public let configSVN: UInt16
    /// ISVFAMILYID, 0x130..<0x140.
    public let isvFamilyID: [UInt8]
    /// REPORTDATA, 0x140..<0x180.
    public let reportData: [UInt8]
    /// Reserved ranges found set (recorded, not rejected: the signature covers them).
    public let reservedFields: ReservedFields

    /// Reads a report body; `name` prefixes field names in errors ("QE report", "enclave report").
    public init(parsing reader: inout ByteReader, name: String) throws {
        let start = reader.offset
        var reserved = ReservedFields()
        cpuSVN = try reader.readArray(16, field: "\(name) CPUSVN")
        miscSelect = try reader.readLittleEndian(UInt32.self, field: "\(name) MISCSELECT")
        try reader.readReserved(12, field: "\(name) reserved 0x014", into: &reserved)
        isvExtProdID = try reader.readArray(16, field: "\(name) ISVEXTPRODID")
        attributes = EnclaveAttributes(bytes: try reader.readArray(16, field: "\(name) ATTRIBUTES"))
        mrEnclave = try reader.readArray(32, field: "\(name) MRENCLAVE")
        try reader.readReserved(32, field: "\(name) reserved 0x060", into: &reserved)
        mrSigner = try reader.readArray(32, field: "\(name) MRSIGNER")
        try reader.readReserved(32, field: "\(name) reserved 0x0A0", into: &reserved)
        configID = try reader.readArray(64, field: "\(name) CONFIGID")
        isvProdID = try reader.readLittleEndian(UInt16.self, field: "\(name) ISVPRODID")
        isvSVN = try reader.readLittleEndian(UInt16.self, field: "\(name) ISVSVN")
        configSVN = try reader.readLittleEndian(UInt16.self, field: "\(name) CONFIGSVN")
        try reader.readReserved(42, field: "\(name) reserved 0x106", into: &reserved)
        isvFamilyID = try reader.readArray(16, field: "\(name) ISVFAMILYID")
        reportData = try reader.readArray(64, field: "\(name) REPORTDATA")
        bytes = Array(reader.bytes[(reader.bytes.startIndex + start)..<(reader.bytes.startIndex + reader.offset)])
        reservedFields = reserved
    }
}
