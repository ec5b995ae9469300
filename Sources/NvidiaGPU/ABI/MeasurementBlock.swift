public import AttestationCore

/// One measurement block of an SPDM MEASUREMENTS response (DSP0274 1.1 §10.11.1): Index, MeasurementSpecification
/// (bit 0 = DMTF), MeasurementSize, and for the DMTF format the value's type, size and bytes.
public struct MeasurementBlock: Sendable, Hashable {
    /// MeasurementSpecification of the DMTF measurement format.
    public static let dmtfSpecification: UInt8 = 1

    /// The block's index (NVIDIA numbers them from 1).
    public let index: UInt8
    /// MeasurementSpecification.
    public let specification: UInt8
    /// DMTFSpecMeasurementValueType (bit 7: raw bit stream rather than a digest).
    public let valueType: UInt8
    /// The measurement value: a SHA-384 digest on NVIDIA devices.
    public let value: [UInt8]
    /// Whether the declared sizes agree (MeasurementSize = 3 + value size) and the format is DMTF's.
    public let isWellFormed: Bool

    /// Reads one block; a block whose declared size runs past the record throws.
    init(reading reader: inout ByteReader) throws {
        index = try reader.readLittleEndian(UInt8.self, field: "measurement block Index")
        specification = try reader.readLittleEndian(UInt8.self, field: "measurement block MeasurementSpecification")
        let size = Int(try reader.readLittleEndian(UInt16.self, field: "measurement block MeasurementSize"))
        var measurement = ByteReader(try reader.read(size, field: "measurement block \(index) Measurement"))
        guard specification == Self.dmtfSpecification, size >= 3 else {
            valueType = 0
            value = try measurement.readArray(size, field: "measurement block \(index) Measurement")
            isWellFormed = false
            return
        }
        valueType = try measurement.readLittleEndian(UInt8.self, field: "DMTFSpecMeasurementValueType")
        let valueSize = Int(try measurement.readLittleEndian(UInt16.self, field: "DMTFSpecMeasurementValueSize"))
        isWellFormed = valueSize == measurement.remaining
        value = try measurement.readArray(measurement.remaining, field: "DMTFSpecMeasurementValue")
    }
}
