public import AttestationCore

/// Azure's HCL attestation report (vTPM NV index 0x01400001): a header, the hardware report the HCL requested at
/// VMPL 0, and the IGVM request data whose variable part is the runtime-data JSON the hardware report binds.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x000 | 32 | header: signature `HCLA`, version, report size, request type, status, reserved |
/// | 0x020 | 1184 | hardware report: SNP report, or TDREPORT (1024 bytes) zero-padded |
/// | 0x4C0 | 20 | IGVM request data: data size, version, report type, runtime-data hash type, variable data size |
/// | 0x4D4 | n | runtime data (JSON) |
/// | … | … | padding to the NV index size (not signed by anything; counted) |
///
/// The parser judges nothing: a wrong magic or report type is for the verifier.
public struct HCLReport: Sendable, Hashable {
    /// The header's signature value, `HCLA`.
    public static let magic: [UInt8] = Array("HCLA".utf8)
    /// Length of the header.
    public static let headerLength = 0x20
    /// Length of the hardware report slot (an SNP report's size).
    public static let hardwareReportLength = 0x4A0
    /// Length of the IGVM request data before the runtime data.
    public static let requestDataHeaderLength = 20
    /// Largest HCL report read (the NV index is 2600 bytes).
    public static let maxBytes = 64 * 1024
    /// Largest runtime data accepted (two RSA-2048 JWKs and the VM configuration are about 1.2 KiB).
    public static let maxRuntimeDataBytes = 32 * 1024

    /// Signature, 0x00..<0x04 (`HCLA`).
    public let signature: [UInt8]
    /// Version, 0x04..<0x08.
    public let version: UInt32
    /// Report size, 0x08..<0x0C: the bytes up to the end of the runtime data.
    public let reportSize: UInt32
    /// Request type, 0x0C..<0x10 (2: attestation report).
    public let requestType: UInt32
    /// Status, 0x10..<0x14.
    public let status: UInt32
    /// The hardware report, 0x20..<0x4C0, byte-exact.
    public let hardwareReport: [UInt8]
    /// IGVM request data size, 0x4C0..<0x4C4.
    public let requestDataSize: UInt32
    /// IGVM request data version, 0x4C4..<0x4C8.
    public let requestDataVersion: UInt32
    /// Report type, 0x4C8..<0x4CC.
    public let reportType: HCLReportType
    /// Hash of the runtime data in the hardware report, 0x4CC..<0x4D0 (1 SHA-256, 2 SHA-384, 3 SHA-512).
    public let runtimeDataHashType: UInt32
    /// The runtime data (variable data, its size at 0x4D0..<0x4D4), byte-exact.
    public let runtimeData: [UInt8]
    /// Reserved ranges found set (header reserved words).
    public let reservedFields: ReservedFields
    /// Bytes after the runtime data (NV index padding).
    public let trailingByteCount: Int
    /// The whole report as received.
    public let bytes: [UInt8]

    /// Parses an HCL report.
    public init(parsing bytes: [UInt8]) throws {
        do {
            guard bytes.count <= Self.maxBytes else {
                throw AttestationCoreError.boundExceeded(field: "HCL report size", value: bytes.count, limit: Self.maxBytes)
            }
            var reader = ByteReader(bytes)
            var reserved = ReservedFields()
            signature = try reader.readArray(4, field: "HCL signature")
            version = try reader.readLittleEndian(UInt32.self, field: "HCL version")
            reportSize = try reader.readLittleEndian(UInt32.self, field: "HCL report size")
            requestType = try reader.readLittleEndian(UInt32.self, field: "HCL request type")
            status = try reader.readLittleEndian(UInt32.self, field: "HCL status")
            try reader.readReserved(12, field: "HCL header reserved", into: &reserved)
            hardwareReport = try reader.readArray(Self.hardwareReportLength, field: "HCL hardware report")
            requestDataSize = try reader.readLittleEndian(UInt32.self, field: "IGVM request data size")
            requestDataVersion = try reader.readLittleEndian(UInt32.self, field: "IGVM request data version")
            reportType = HCLReportType(rawValue: try reader.readLittleEndian(UInt32.self, field: "IGVM report type"))
            runtimeDataHashType = try reader.readLittleEndian(UInt32.self, field: "IGVM report data hash type")
            let size = try ByteReader.bounded(
                try reader.readLittleEndian(UInt32.self, field: "IGVM variable data size"), limit: Self.maxRuntimeDataBytes,
                field: "IGVM variable data size")
            runtimeData = try reader.readArray(size, field: "HCL runtime data")
            reservedFields = reserved
            trailingByteCount = reader.remaining
            self.bytes = bytes
        } catch let error as AttestationCoreError {
            throw AzureCVMError.malformedHCLReport(error)
        }
    }
}
