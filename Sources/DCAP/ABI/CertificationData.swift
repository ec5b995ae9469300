public import AttestationCore

/// The kinds of certification data a quote can carry (Intel SGX ECDSA Quote Library API, appendix).
public enum CertificationDataType {
    /// PPID in cleartext.
    public static let ppidCleartext: UInt16 = 1
    /// PPID encrypted with RSA-2048-OAEP.
    public static let ppidRSA2048: UInt16 = 2
    /// PPID encrypted with RSA-3072-OAEP.
    public static let ppidRSA3072: UInt16 = 3
    /// The PCK leaf certificate alone.
    public static let pckCertificate: UInt16 = 4
    /// The PCK certificate chain (leaf, intermediate, root) in PEM: the one type this build verifies.
    public static let pckCertificateChain: UInt16 = 5
    /// QE report certification data (v4/v5 quotes wrap the QE report and its own certification data in it).
    public static let qeReportCertificationData: UInt16 = 6
    /// The platform manifest.
    public static let platformManifest: UInt16 = 7

    /// A readable name for a type.
    public static func name(of type: UInt16) -> String {
        switch type {
        case ppidCleartext: return "PPID in cleartext"
        case ppidRSA2048: return "PPID encrypted with RSA-2048"
        case ppidRSA3072: return "PPID encrypted with RSA-3072"
        case pckCertificate: return "PCK leaf certificate"
        case pckCertificateChain: return "PCK certificate chain"
        case qeReportCertificationData: return "QE report certification data"
        case platformManifest: return "platform manifest"
        default: return "unknown type"
        }
    }
}

/// Certification data: a type and its bytes (for type 5, the PEM PCK certificate chain).
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x00 | 2 | type |
/// | 0x02 | 4 | size N, at most ``maxLength`` |
/// | 0x06 | N | data |
public struct CertificationData: Sendable, Hashable {
    /// Bound on the data length (a PEM chain is about 4 KiB; platform manifests are larger).
    public static let maxLength = 256 * 1024

    /// The certification data type (see ``CertificationDataType``).
    public let type: UInt16
    /// The data, byte-exact.
    public let data: [UInt8]

    /// Reads type, size and data.
    public init(parsing reader: inout ByteReader, name: String) throws {
        type = try reader.readLittleEndian(UInt16.self, field: "\(name) type")
        let size = try ByteReader.bounded(
            try reader.readLittleEndian(UInt32.self, field: "\(name) size"), limit: Self.maxLength,
            field: "\(name) size")
        data = try reader.readArray(size, field: "\(name) data")
    }
}
