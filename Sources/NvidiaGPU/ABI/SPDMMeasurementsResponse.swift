public import AttestationCore

/// An SPDM MEASUREMENTS response (DSP0274 1.1 §10.11.1) as NVIDIA GPUs and NVSwitches send it.
///
/// Layout: SPDMVersion, RequestResponseCode (0x60), Param1, Param2 (bits 0-3: slot), NumberOfBlocks,
/// MeasurementRecordLength (3 bytes LE), MeasurementRecord, Nonce (32), OpaqueLength (2 LE), OpaqueData, Signature
/// (ECDSA P-384 raw r‖s, 96 bytes). Bytes after the signature are kept and counted, not judged (one published
/// capture carries a trailing zero byte).
public struct SPDMMeasurementsResponse: Sendable, Hashable {
    /// RequestResponseCode of MEASUREMENTS.
    public static let measurementsCode: UInt8 = 0x60
    /// Size of an ECDSA P-384 signature, raw r‖s.
    public static let signatureSize = 96
    /// Largest measurement record read (NVIDIA devices send 64 blocks of 55 bytes).
    public static let maxRecordBytes = 256 * 1024

    /// SPDMVersion (0x11 = 1.1).
    public let version: UInt8
    /// RequestResponseCode.
    public let code: UInt8
    /// Param2's slot (bits 0-3).
    public let slotID: UInt8
    /// NumberOfBlocks as the header declares it.
    public let declaredBlockCount: Int
    /// The measurement blocks, in record order.
    public let blocks: [MeasurementBlock]
    /// The responder's nonce.
    public let nonce: [UInt8]
    /// The opaque data (NVIDIA's TLV fields).
    public let opaqueData: OpaqueData
    /// The signature, raw r‖s.
    public let signature: [UInt8]
    /// Offset of the signature from the start of the response: everything before it is signed.
    public let signatureOffset: Int
    /// Bytes after the signature.
    public let trailingBytes: Int

    /// Reads the response that fills the rest of `reader`.
    init(reading reader: inout ByteReader) throws {
        let start = reader.offset
        version = try reader.readLittleEndian(UInt8.self, field: "response SPDMVersion")
        code = try reader.readLittleEndian(UInt8.self, field: "response RequestResponseCode")
        _ = try reader.readLittleEndian(UInt8.self, field: "response Param1")
        slotID = try reader.readLittleEndian(UInt8.self, field: "response Param2") & 0x0F
        declaredBlockCount = Int(try reader.readLittleEndian(UInt8.self, field: "NumberOfBlocks"))
        let lengthBytes = try reader.read(3, field: "MeasurementRecordLength")
        let recordLength = try ByteReader.bounded(
            lengthBytes.reversed().reduce(0) { ($0 << 8) | Int($1) }, limit: Self.maxRecordBytes,
            field: "MeasurementRecordLength")
        var record = ByteReader(try reader.read(recordLength, field: "MeasurementRecord"))
        var blocks: [MeasurementBlock] = []
        while !record.isAtEnd { blocks.append(try MeasurementBlock(reading: &record)) }
        self.blocks = blocks
        nonce = try reader.readArray(32, field: "response Nonce")
        let opaqueLength = Int(try reader.readLittleEndian(UInt16.self, field: "OpaqueLength"))
        opaqueData = try OpaqueData(try reader.read(opaqueLength, field: "OpaqueData"))
        signatureOffset = reader.offset - start
        signature = try reader.readArray(Self.signatureSize, field: "Signature")
        trailingBytes = reader.remaining
    }

    /// Whether every block is DMTF-formatted with consistent sizes, the blocks are as many as declared, and no
    /// index repeats.
    public var isRecordConsistent: Bool {
        blocks.count == declaredBlockCount && blocks.allSatisfy(\.isWellFormed)
            && Set(blocks.map(\.index)).count == blocks.count
    }
}
