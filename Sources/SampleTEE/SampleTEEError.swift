public import AttestationCore

/// Why Sample TEE evidence could not be produced or evaluated.
public enum SampleTEEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The report's bytes are malformed (truncated, reserved bits set, trailing bytes, …).
    case malformedReport(AttestationCoreError)
    /// The report does not start with the Sample TEE magic.
    case badMagic([UInt8])
    /// The report's version is not one this build understands.
    case unsupportedVersion(UInt16)
    /// The device certificate inside the report is not a parseable X.509 certificate.
    case invalidDeviceCertificate(String)
    /// A configured trust anchor is not a parseable certificate.
    case invalidTrustAnchor(String)
    /// The workload could not be read for measuring.
    case unreadableWorkload(path: String, reason: String)
    /// The report data to sign is not 64 bytes.
    case reportDataLength(Int)
    /// The measurement to sign is not a 48-byte SHA-384 digest.
    case measurementLength(Int)

    public var description: String {
        switch self {
        case .malformedReport(let error):
            return "malformed Sample TEE report: \(error)"
        case .badMagic(let bytes):
            return "not a Sample TEE report: magic is \(Hex.encode(bytes)), expected \(Hex.encode(SampleReport.magic)) (\"ASTE\"); check --tee"
        case .unsupportedVersion(let version):
            return "Sample TEE report version \(version) is not supported (this build reads version \(SampleReport.currentVersion))"
        case .invalidDeviceCertificate(let reason):
            return "the device certificate in the Sample TEE report is not valid X.509: \(reason)"
        case .invalidTrustAnchor(let reason):
            return "a Sample TEE trust anchor is not a valid certificate: \(reason)"
        case .unreadableWorkload(let path, let reason):
            return "cannot measure workload \(path): \(reason)"
        case .reportDataLength(let count):
            return "report data must be 64 bytes, got \(count)"
        case .measurementLength(let count):
            return "measurement must be a 48-byte SHA-384 digest, got \(count) bytes"
        }
    }
}
