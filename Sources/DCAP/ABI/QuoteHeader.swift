public import AttestationCore

/// The 48-byte header that starts every DCAP quote (SGX v3, TDX v4/v5).
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x00 | 2 | version (3, 4 or 5) |
/// | 0x02 | 2 | attestation key type (2 = ECDSA-256 with P-256) |
/// | 0x04 | 4 | TEE type (0x00 SGX, 0x81 TDX) |
/// | 0x08 | 2 | QE SVN |
/// | 0x0A | 2 | PCE SVN |
/// | 0x0C | 16 | QE vendor ID |
/// | 0x1C | 20 | user data (the first 16 bytes are the QE identity of Intel's QE) |
public struct QuoteHeader: Sendable, Hashable {
    /// Length of the header.
    public static let length = 48
    /// Intel's quoting enclave vendor ID.
    public static let intelQEVendorID: [UInt8] = [
        0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
    ]
    /// ECDSA-256 with P-256, the attestation key type this build verifies.
    public static let ecdsaP256KeyType: UInt16 = 2
    /// TEE type of SGX enclaves.
    public static let sgxTEEType: UInt32 = 0x00
    /// TEE type of TDX trust domains.
    public static let tdxTEEType: UInt32 = 0x81

    /// VERSION, 0x00..<0x02.
    public let version: UInt16
    /// ATT_KEY_TYPE, 0x02..<0x04.
    public let attestationKeyType: UInt16
    /// TEE_TYPE, 0x04..<0x08.
    public let teeType: UInt32
    /// QE_SVN, 0x08..<0x0A.
    public let qeSVN: UInt16
    /// PCE_SVN, 0x0A..<0x0C.
    public let pceSVN: UInt16
    /// QE_VENDOR_ID, 0x0C..<0x1C.
    public let qeVendorID: [UInt8]
    /// USER_DATA, 0x1C..<0x30.
    public let userData: [UInt8]

    /// Reads the header; the version, key type and TEE type must be ones this build verifies.
    public init(parsing reader: inout ByteReader) throws {
        version = try reader.readLittleEndian(UInt16.self, field: "header VERSION")
        guard (3...5).contains(version) else { throw DCAPError.unsupportedQuoteVersion(version) }
        attestationKeyType = try reader.readLittleEndian(UInt16.self, field: "header ATT_KEY_TYPE")
        guard attestationKeyType == Self.ecdsaP256KeyType else {
            throw DCAPError.unsupportedAttestationKeyType(attestationKeyType)
        }
        teeType = try reader.readLittleEndian(UInt32.self, field: "header TEE_TYPE")
        let expectedTEE = version == 3 ? Self.sgxTEEType : Self.tdxTEEType
        guard teeType == expectedTEE else { throw DCAPError.unsupportedTEEType(teeType, version: version) }
        qeSVN = try reader.readLittleEndian(UInt16.self, field: "header QE_SVN")
        pceSVN = try reader.readLittleEndian(UInt16.self, field: "header PCE_SVN")
        qeVendorID = try reader.readArray(16, field: "header QE_VENDOR_ID")
        userData = try reader.readArray(20, field: "header USER_DATA")
    }

    /// The TEE this header announces.
    public var tee: TEEKind { teeType == Self.tdxTEEType ? .tdx : .sgx }
}
