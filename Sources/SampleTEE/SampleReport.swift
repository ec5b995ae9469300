public import AttestationCore

/// A Sample TEE attestation report (version 1), byte-exact.
///
/// Layout (all integers little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x00 | 4 | magic `ASTE` |
/// | 0x04 | 2 | version = 1 |
/// | 0x06 | 2 | flags: bit 0 = debug; bits 1–15 reserved, zero |
/// | 0x08 | 4 | svn (security version of the workload) |
/// | 0x0C | 4 | reserved, zero |
/// | 0x10 | 48 | measurement: SHA-384 of the workload |
/// | 0x40 | 64 | report_data: SHA-512 of the runtime data |
/// | 0x80 | 64 | signature: ECDSA P-256/SHA-256 over bytes 0x00..<0x80, r‖s big-endian |
/// | 0xC0 | 2 | device certificate length N, 1…``maxCertificateLength`` |
/// | 0xC2 | N | device certificate: DER X.509, P-256 key, issued by the development root CA |
///
/// The report is exactly 0xC2 + N bytes long.
public struct SampleReport: Sendable, Hashable {
    /// `ASTE`.
    public static let magic: [UInt8] = Array("ASTE".utf8)
    /// The version this build writes and reads.
    public static let currentVersion: UInt16 = 1
    /// Length of the signed body (0x00..<0x80).
    public static let signedBodyLength = 0x80
    /// Length of the raw r‖s signature.
    public static let signatureLength = 64
    /// Bound on the device certificate's length.
    public static let maxCertificateLength = 4096
    /// Bound on a whole report.
    public static let maxLength = 0xC2 + maxCertificateLength
    /// Flag bit for debug mode.
    static let debugFlag: UInt16 = 0x0001

    /// VERSION, 0x04..<0x06.
    public let version: UInt16
    /// FLAGS bit 0, 0x06: whether the workload runs in debug mode (its memory can be inspected).
    public let debug: Bool
    /// SVN, 0x08..<0x0C.
    public let svn: UInt32
    /// MEASUREMENT, 0x10..<0x40.
    public let measurement: [UInt8]
    /// REPORT_DATA, 0x40..<0x80.
    public let reportData: [UInt8]
    /// SIGNATURE, 0x80..<0xC0: raw r‖s.
    public let signature: [UInt8]
    /// The device certificate (DER), 0xC2..<0xC2+N.
    public let deviceCertificate: [UInt8]
    /// The exact bytes the signature covers, sliced from the input.
    public let signedBytes: [UInt8]

    /// Parses a report; throws ``SampleTEEError`` for anything malformed.
    public init(parsing bytes: [UInt8]) throws {
        guard bytes.count <= Self.maxLength else {
            throw SampleTEEError.malformedReport(
                .boundExceeded(field: "report length", value: bytes.count, limit: Self.maxLength))
        }
        do {
            var reader = ByteReader(bytes)
            let magic = try reader.readArray(4, field: "MAGIC")
            guard magic == Self.magic else { throw SampleTEEError.badMagic(magic) }
            version = try reader.readLittleEndian(UInt16.self, field: "VERSION")
            guard version == Self.currentVersion else { throw SampleTEEError.unsupportedVersion(version) }
            let flags = try reader.readLittleEndian(UInt16.self, field: "FLAGS")
            guard flags & ~Self.debugFlag == 0 else {
                throw SampleTEEError.malformedReport(.reservedNotZero(field: "FLAGS bits 1-15", offset: 0x06))
            }
            debug = flags & Self.debugFlag != 0
            svn = try reader.readLittleEndian(UInt32.self, field: "SVN")
            var reserved = ReservedFields()
            try reader.readReserved(4, field: "RESERVED (0x0C)", into: &reserved)
            // The sample format is this project's own, with no newer firmware to stay compatible with: strict.
            if let field = reserved.names.first { throw SampleTEEError.malformedReport(.reservedNotZero(field: field, offset: 0x0C)) }
            measurement = try reader.readArray(48, field: "MEASUREMENT")
            reportData = try reader.readArray(64, field: "REPORT_DATA")
            signedBytes = Array(bytes[0..<Self.signedBodyLength])
            signature = try reader.readArray(Self.signatureLength, field: "SIGNATURE")
            let certificateLength = try ByteReader.bounded(
                try reader.readLittleEndian(UInt16.self, field: "CERTIFICATE_LENGTH"),
                limit: Self.maxCertificateLength, field: "CERTIFICATE_LENGTH")
            guard certificateLength > 0 else {
                throw SampleTEEError.malformedReport(
                    .truncated(field: "DEVICE_CERTIFICATE", offset: 0xC2, needed: 1, available: 0))
            }
            deviceCertificate = try reader.readArray(certificateLength, field: "DEVICE_CERTIFICATE")
            try reader.expectEnd(of: "Sample TEE report")
        } catch let error as AttestationCoreError {
            throw SampleTEEError.malformedReport(error)
        }
    }

    /// The signed body for these fields (bytes 0x00..<0x80).
    static func body(debug: Bool, svn: UInt32, measurement: [UInt8], reportData: [UInt8]) -> [UInt8] {
        var out = magic
        out += littleEndianBytes(currentVersion)
        out += littleEndianBytes(debug ? debugFlag : 0)
        out += littleEndianBytes(svn)
        out += [0, 0, 0, 0]
        out += measurement
        out += reportData
        return out
    }

    /// The whole report for a signed body, its signature and the device certificate.
    static func assemble(body: [UInt8], signature: [UInt8], deviceCertificate: [UInt8]) -> [UInt8] {
        body + signature + littleEndianBytes(UInt16(truncatingIfNeeded: deviceCertificate.count)) + deviceCertificate
    }

    /// The report serialised again; equal to the parsed input byte for byte.
    public var serialized: [UInt8] {
        Self.assemble(body: signedBytes, signature: signature, deviceCertificate: deviceCertificate)
    }

    /// The report's claims (ARCHITECTURE.md §4, `sample`).
    public var claims: Claims {
        [
            "tee": .string(TEEKind.sample.rawValue),
            "version": .integer(Int64(version)),
            "measurement": .hex(measurement),
            "report_data": .hex(reportData),
            "debug": .bool(debug),
            "svn": .integer(Int64(svn)),
        ]
    }
}

/// The little-endian bytes of an integer.
func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}
