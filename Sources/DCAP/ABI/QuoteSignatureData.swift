public import AttestationCore

/// The ECDSA-256 quote signature data that follows the quote body.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x00 | 64 | quote signature: ECDSA P-256/SHA-256 over header ‖ body, r‖s big-endian |
/// | 0x40 | 64 | attestation public key, raw X‖Y |
/// | 0x80 | … | v3: QE report certification data inline; v4/v5: certification data of type 6 wrapping it |
public struct QuoteSignatureData: Sendable, Hashable {
    /// Bound on the declared signature data length.
    public static let maxLength = 512 * 1024

    /// The quote signature, raw r‖s.
    public let signature: [UInt8]
    /// The attestation public key, raw X‖Y (64 bytes).
    public let attestationKey: [UInt8]
    /// The QE report, its signature, authentication data and the PCK certification data.
    public let qeReportCertificationData: QEReportCertificationData

    /// Reads signature data of a version `version` quote; every byte of `reader` must be consumed.
    public init(parsing reader: inout ByteReader, version: UInt16) throws {
        signature = try reader.readArray(64, field: "quote signature")
        attestationKey = try reader.readArray(64, field: "attestation key")
        if version == 3 {
            qeReportCertificationData = try QEReportCertificationData(parsing: &reader)
        } else {
            let outer = try CertificationData(parsing: &reader, name: "QE report certification data")
            guard outer.type == CertificationDataType.qeReportCertificationData else {
                throw DCAPError.unsupportedCertificationData(type: outer.type)
            }
            var inner = ByteReader(outer.data)
            qeReportCertificationData = try QEReportCertificationData(parsing: &inner)
            try inner.expectEnd(of: "QE report certification data")
        }
        try reader.expectEnd(of: "quote signature data")
    }
}
