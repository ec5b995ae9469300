public import AttestationCore

/// Why a DCAP quote, its collateral or an event log could not be evaluated: thrown, never a verdict.
public enum DCAPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The quote's bytes are malformed (truncated, reserved bytes set, inconsistent lengths).
    case malformedQuote(AttestationCoreError)
    /// The quote version is not 3, 4 or 5.
    case unsupportedQuoteVersion(UInt16)
    /// The attestation key type is not ECDSA-256 with P-256 (2), the only one Intel's QE produces.
    case unsupportedAttestationKeyType(UInt16)
    /// The TEE type in the header is neither SGX (0x00) nor TDX (0x81), or does not fit the quote version.
    case unsupportedTEEType(UInt32, version: UInt16)
    /// A v5 quote's body descriptor names an unknown body type or a size that does not fit it.
    case unsupportedBodyType(UInt16, size: UInt32)
    /// The quote is for another TEE than the one asked for.
    case wrongTEE(expected: TEEKind, found: TEEKind)
    /// The certification data does not carry the PCK certificate chain (type 5), so the quote cannot be checked.
    case unsupportedCertificationData(type: UInt16)
    /// The PCK certificate chain in the certification data cannot be read.
    case malformedPCKChain(String)
    /// The PCK certificate lacks Intel's SGX extension or it is malformed.
    case malformedSGXExtension(String)
    /// A collateral document (TCB info, QE identity, bundle, CRL, certificate) cannot be read; `source` names it.
    case malformedCollateral(source: String, reason: String)
    /// Collateral needed to evaluate the quote was neither given nor fetchable.
    case missingCollateral(document: String, fix: String)
    /// A configured trust anchor is not a parseable certificate.
    case invalidTrustAnchor(String)
    /// The CCEL ACPI table or the event log it describes is malformed.
    case malformedEventLog(String)

    public var description: String {
        switch self {
        case .malformedQuote(let error):
            return "malformed DCAP quote: \(error)"
        case .unsupportedQuoteVersion(let version):
            return "DCAP quote version \(version) is not supported (this build reads versions 3, 4 and 5)"
        case .unsupportedAttestationKeyType(let type):
            return "attestation key type \(type) is not supported; Intel's quoting enclaves sign with ECDSA-256 P-256 (type 2)"
        case .unsupportedTEEType(let type, let version):
            return "TEE type 0x\(String(type, radix: 16)) is not valid in a version \(version) quote (SGX 0x0 in v3, TDX 0x81 in v4/v5)"
        case .unsupportedBodyType(let type, let size):
            return "quote body type \(type) with size \(size) is not supported (2 = TD report 1.0, 584 bytes; 3 = TD report 1.5, 648 bytes; 1 = SGX report, 384 bytes)"
        case .wrongTEE(let expected, let found):
            return "this is a \(found) quote, not \(expected); check --tee"
        case .unsupportedCertificationData(let type):
            return "certification data type \(type) (\(CertificationDataType.name(of: type))) does not carry the PCK certificate chain; "
                + "configure the quote generation library to embed it (type 5), as Intel's PCCS-backed QPL does"
        case .malformedPCKChain(let reason):
            return "the PCK certificate chain in the quote cannot be read: \(reason)"
        case .malformedSGXExtension(let reason):
            return "the PCK certificate's SGX extension (1.2.840.113741.1.13.1) is malformed: \(reason)"
        case .malformedCollateral(let source, let reason):
            return "collateral \(source) cannot be read: \(reason)"
        case .missingCollateral(let document, let fix):
            return "missing collateral: \(document); \(fix)"
        case .invalidTrustAnchor(let reason):
            return "a configured Intel trust anchor is not a valid certificate: \(reason)"
        case .malformedEventLog(let reason):
            return "malformed CC event log: \(reason)"
        }
    }
}
