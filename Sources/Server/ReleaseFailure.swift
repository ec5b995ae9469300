import AttestationCore
import KeyBroker

/// Why the key-release use case refused a request (answered by ``ProblemCatalog``).
enum ReleaseFailure: Error {
    /// The path is not a valid secret path.
    case invalidPath(String)
    /// No bearer token was sent (or it is longer than any token this service issues).
    case tokenRequired(issuer: String)
    /// The token does not verify for this service.
    case invalidToken(String, issuer: String)
    /// The token binds no usable TEE key.
    case noTEEKey(String)
    /// The request names a key other than the attested one.
    case teeKeyMismatch
    /// The resource policy refused.
    case denied(ReleaseDecision, path: String)
    /// No secret at the path (or it failed its integrity check).
    case notFound(path: String)
    /// The resource policy failed or does not compile.
    case policyFailed(prefix: String, reason: String)
    /// A stored secret does not open.
    case internalError

    /// The problem type, for the audit record and the metric.
    var type: ProblemType {
        switch self {
        case .invalidPath: .invalidRequest
        case .tokenRequired: .tokenRequired
        case .invalidToken: .invalidToken
        case .noTEEKey: .noTEEKey
        case .teeKeyMismatch: .teeKeyMismatch
        case .denied: .releaseDenied
        case .notFound: .notFound
        case .policyFailed: .policyError
        case .internalError: .internalError
        }
    }

    /// Whether the requester was refused before it proved anything (no valid token): such refusals are
    /// aggregated in the audit trail (``RefusalLog``).
    var isBeforeAuthentication: Bool {
        switch self {
        case .invalidPath, .tokenRequired, .invalidToken: true
        default: false
        }
    }
}
