import AttestationCore

/// The ACPI CCEL table (Confidential Computing Event Log, ACPI 6.5 §5.2.34) that locates a TD's event log.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x00 | 4 | signature `CCEL` |
/// | 0x04 | 4 | length (56) |
/// | 0x08 | 1 | revision |
/// | 0x09 | 1 | checksum: all bytes of the table sum to zero |
/// | 0x0A | 6 | OEM ID |
/// | 0x10 | 8 | OEM table ID |
/// | 0x18 | 4 | OEM revision |
/// | 0x1C | 4 | creator ID |
/// | 0x20 | 4 | creator revision |
/// | 0x24 | 1 | CC type (2 = TDX) |
/// | 0x25 | 1 | CC subtype |
/// | 0x26 | 2 | reserved |
/// | 0x28 | 8 | LAML: log area minimum length |
/// | 0x30 | 8 | LASA: log area start address |
public struct CCELTable: Sendable, Hashable {
    /// The table's signature.
    public static let signature: [UInt8] = Array("CCEL".utf8)
    /// The table's length.
    public static let length = 56

    /// The exact table bytes.
    public let bytes: [UInt8]
    /// Revision, 0x08.
    public let revision: UInt8
    /// OEM ID, 0x0A..<0x10.
    public let oemID: [UInt8]
    /// CC type, 0x24 (2 = TDX).
    public let ccType: UInt8
    /// CC subtype, 0x25.
    public let ccSubtype: UInt8
    /// LAML, 0x28..<0x30: the length of the event log area.
    public let logAreaMinimumLength: UInt64
    /// LASA, 0x30..<0x38: the guest-physical address of the event log area.
    public let logAreaStartAddress: UInt64

    /// Parses a CCEL table; it must carry the `CCEL` signature and be exactly 56 bytes long.
    public init(parsing bytes: [UInt8]) throws {
        do {
            var reader = ByteReader(bytes)
            let signature = try reader.readArray(4, field: "CCEL signature")
            guard signature == Self.signature else {
                throw DCAPError.malformedEventLog("the ACPI table signature is '\(String(decoding: signature, as: UTF8.self))', not CCEL")
            }
            let length = try reader.readLittleEndian(UInt32.self, field: "CCEL length")
            guard length == Self.length, bytes.count == Self.length else {
                throw DCAPError.malformedEventLog("the CCEL table declares \(length) bytes and has \(bytes.count); both must be 56")
            }
            revision = try reader.readArray(1, field: "CCEL revision")[0]
            _ = try reader.read(1, field: "CCEL checksum")
            oemID = try reader.readArray(6, field: "CCEL OEM ID")
            _ = try reader.read(8 + 4 + 4 + 4, field: "CCEL OEM table ID, OEM revision, creator ID, creator revision")
            let type = try reader.readArray(2, field: "CCEL CC type and subtype")
            ccType = type[0]
            ccSubtype = type[1]
            // Reserved: read, not judged (the table is unsigned, and later ACPI revisions may define it).
            _ = try reader.read(2, field: "CCEL reserved (0x26)")
            logAreaMinimumLength = try reader.readLittleEndian(UInt64.self, field: "CCEL LAML")
            logAreaStartAddress = try reader.readLittleEndian(UInt64.self, field: "CCEL LASA")
            try reader.expectEnd(of: "CCEL table")
            self.bytes = bytes
        } catch let error as AttestationCoreError {
            throw DCAPError.malformedEventLog("CCEL table: \(error)")
        }
    }

    /// Whether the ACPI checksum holds (every byte of the table sums to zero modulo 256).
    public var checksumIsValid: Bool { bytes.reduce(UInt8(0), &+) == 0 }
}
