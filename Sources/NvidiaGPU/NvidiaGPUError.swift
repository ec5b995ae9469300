public import AttestationCore

/// Why NVIDIA GPU or NVSwitch evidence could not be evaluated (thrown; a rejected report is a verdict).
public enum NvidiaGPUError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not an SPDM GET_MEASUREMENTS request followed by its MEASUREMENTS response.
    case malformedReport(String)
    /// The evidence list (nvtrust's JSON) is not an array of device entries, or an entry lacks a member.
    case malformedEvidenceList(String)
    /// No device certificate chain came with a single report.
    case missingCertificateChain
    /// A certificate of a device chain is not DER X.509.
    case invalidCertificate(String)
    /// The configured trust anchor cannot be used.
    case invalidTrustAnchor(String)
    /// A field of the report or list failed a bounds check.
    case core(AttestationCoreError)

    public var description: String {
        switch self {
        case .malformedReport(let reason): return "malformed NVIDIA SPDM measurement report: \(reason)"
        case .malformedEvidenceList(let reason): return "malformed NVIDIA evidence list: \(reason)"
        case .missingCertificateChain:
            return "no device certificate chain: give the GPU's chain (PEM, leaf first) with --collateral, or pass "
                + "an nvtrust evidence list (JSON) that carries each device's chain"
        case .invalidCertificate(let reason): return "invalid NVIDIA device certificate: \(reason)"
        case .invalidTrustAnchor(let reason): return "invalid NVIDIA trust anchor: \(reason)"
        case .core(let error): return "malformed NVIDIA SPDM measurement report: \(error)"
        }
    }

    /// Runs `body`, turning AttestationCore's bounds errors into ``core(_:)``.
    static func bounds<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as AttestationCoreError { throw NvidiaGPUError.core(error) }
    }
}
