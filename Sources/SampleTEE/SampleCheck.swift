public import AttestationCore

/// The names of the Sample TEE checks, as verdicts show them.
public struct SampleCheck: CheckName, Hashable {
    public let rawValue: String

    public static let deviceCertificateChain = SampleCheck(rawValue: "device_certificate_chain")
    public static let deviceCertificateValidity = SampleCheck(rawValue: "device_certificate_validity")
    public static let reportSignature = SampleCheck(rawValue: "report_signature")
    public static let rootCertificateValidity = SampleCheck(rawValue: "root_certificate_validity")
}
