public import AttestationCore

/// The SPDM GET_MEASUREMENTS request a verifier sent (DMTF DSP0274 1.1 §10.11): it is part of the signed bytes, and
/// carries the verifier's 32-byte nonce.
///
/// Layout (37 bytes): SPDMVersion, RequestResponseCode (0xE0), Param1 (bit 0: signature requested), Param2 (the
/// measurement operation; 0xFF = all blocks), Nonce (32), SlotIDParam.
public struct SPDMMeasurementRequest: Sendable, Hashable {
    /// Size of a GET_MEASUREMENTS request with a signature requested (SPDM 1.1 and later).
    public static let size = 37
    /// RequestResponseCode of GET_MEASUREMENTS.
    public static let getMeasurementsCode: UInt8 = 0xE0

    /// SPDMVersion (0x11 = 1.1).
    public let version: UInt8
    /// RequestResponseCode.
    public let code: UInt8
    /// Param1: bit 0 asks for a signed response.
    public let attributes: UInt8
    /// Param2: the measurement operation (0xFF = every block).
    public let operation: UInt8
    /// The verifier's nonce.
    public let nonce: [UInt8]
    /// The certificate slot the response must be signed with.
    public let slotID: UInt8

    /// Whether this is a GET_MEASUREMENTS request that asks for a signature.
    public var isSignedGetMeasurements: Bool { code == Self.getMeasurementsCode && attributes & 1 == 1 }

    /// Reads the request from the start of `reader`.
    init(reading reader: inout ByteReader) throws {
        version = try reader.readLittleEndian(UInt8.self, field: "request SPDMVersion")
        code = try reader.readLittleEndian(UInt8.self, field: "request RequestResponseCode")
        attributes = try reader.readLittleEndian(UInt8.self, field: "request Param1")
        operation = try reader.readLittleEndian(UInt8.self, field: "request Param2")
        nonce = try reader.readArray(32, field: "request Nonce")
        slotID = try reader.readLittleEndian(UInt8.self, field: "request SlotIDParam")
    }
}
