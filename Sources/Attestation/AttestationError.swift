public import AttestationCore

/// Why an attestation could not be carried out end to end.
public enum AttestationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No verifier is registered for the evidence's TEE.
    case unsupportedTEE(TEEKind, supported: [TEEKind])

    public var description: String {
        switch self {
        case .unsupportedTEE(let tee, let supported):
            return "no verifier for TEE \"\(tee)\"; supported: \(supported.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
