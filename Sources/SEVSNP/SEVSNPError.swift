public import AttestationCore

/// Why SEV-SNP evidence or its collateral could not be evaluated (thrown; a rejected report is a verdict).
public enum SEVSNPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The report's bytes are malformed (truncated, trailing bytes, …); reserved bits never make it so.
    case malformedReport(AttestationCoreError)
    /// The report is not 1184 bytes long.
    case reportLength(Int)
    /// The report's VERSION is not one this build reads.
    case unsupportedVersion(UInt32)
    /// The extended-report certificate table is malformed.
    case malformedCertificateTable(String)
    /// A JSON evidence document (CoCo trustee's serde form) is malformed.
    case malformedEvidenceJSON(String)
    /// A certificate or CRL given as collateral (or in the certificate table) could not be read.
    case malformedCollateral(source: String, reason: String)
    /// Collateral the verification needs is neither in the evidence nor given, and no provider can fetch it.
    case missingCollateral(String)
    /// A configured trust anchor is not a usable AMD root.
    case invalidTrustAnchor(String)

    public var description: String {
        switch self {
        case .malformedReport(let error):
            return "malformed SEV-SNP attestation report: \(error)"
        case .reportLength(let count):
            return "an SEV-SNP attestation report is \(AttestationReport.size) bytes (optionally followed by a certificate table), got \(count); check --tee and the evidence file"
        case .unsupportedVersion(let version):
            return "SEV-SNP report version \(version) is not supported (this build reads versions \(AttestationReport.supportedVersions.map(String.init).joined(separator: ", ")))"
        case .malformedCertificateTable(let reason):
            return "malformed SEV-SNP certificate table: \(reason)"
        case .malformedEvidenceJSON(let reason):
            return "malformed SEV-SNP JSON evidence: \(reason)"
        case .malformedCollateral(let source, let reason):
            return "cannot read AMD collateral \(source): \(reason)"
        case .missingCollateral(let what):
            return "missing AMD collateral: \(what); pass it with --collateral (e.g. the VCEK and cert_chain from AMD KDS) or fetch it online"
        case .invalidTrustAnchor(let reason):
            return "invalid AMD trust anchor: \(reason)"
        }
    }
}
