public import AttestationCore

/// The QE report with its signature, authentication data and the certification data that identifies the PCK.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x000 | 384 | QE report (an SGX report body) |
/// | 0x180 | 64 | QE report signature: ECDSA P-256/SHA-256 by the PCK key, r‖s big-endian |
/// | 0x1C0 | 2 | QE authentication data size M |
/// | 0x1C2 | M | QE authentication data |
/// | 0x1C2+M | 6+N | certification data (type, size N, data) |
public struct QEReportCertificationData: Sendable, Hashable {
    /// The QE report.
    public let qeReport: EnclaveReportBody
    /// The QE report signature, raw r‖s.
    public let qeReportSignature: [UInt8]
    /// The QE authentication data (hashed into the QE report data with the attestation key).
    public let qeAuthenticationData: [UInt8]
    /// The certification data naming the PCK.
    public let certificationData: CertificationData

    /// Reads the structure in spec order; the caller checks that it fills its container.
    public init(parsing reader: inout ByteReader) throws {
        qeReport = try EnclaveReportBody(parsing: &reader, name: "QE report")
        qeReportSignature = try reader.readArray(64, field: "QE report signature")
        let authSize = Int(try reader.readLittleEndian(UInt16.self, field: "QE authentication data size"))
        qeAuthenticationData = try reader.readArray(authSize, field: "QE authentication data")
        certificationData = try CertificationData(parsing: &reader, name: "certification data")
    }
}
