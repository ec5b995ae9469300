/// Why a certificate, CRL or key could not be read or used.
public enum PKIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The DER structure is malformed; `what` names the object.
    case malformed(what: String, reason: String)
    /// The signature algorithm is not one Assay accepts.
    case unsupportedAlgorithm(String)
    /// The public key is of a type or curve Assay does not verify with.
    case unsupportedKey(String)

    public var description: String {
        switch self {
        case .malformed(let what, let reason): return "malformed \(what): \(reason)"
        case .unsupportedAlgorithm(let detail): return "unsupported signature algorithm: \(detail)"
        case .unsupportedKey(let detail): return "unsupported public key: \(detail)"
        }
    }
}
