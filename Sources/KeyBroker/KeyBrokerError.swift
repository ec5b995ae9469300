/// Why a key-broker operation could not be carried out; each message names the cause and the fix.
public enum KeyBrokerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A secret path or policy prefix is not acceptable.
    case invalidPath(String, reason: String)
    /// A secret value is empty or larger than ``SecretEnvelope/maxValueBytes``.
    case invalidValueSize(Int)
    /// The `tee_pubkey` JWK cannot receive a sealed secret.
    case invalidTEEKey(String)
    /// A resource policy does not compile or lacks the `allow` rule.
    case invalidPolicy(prefix: String, reason: String)
    /// A resource policy failed while deciding (a runtime error or an output of the wrong type).
    case policyFailed(prefix: String, reason: String)
    /// A sealed value cannot be opened: the key is not the one it was sealed with, or the value was altered.
    case cannotOpen(String)
    /// A release response is not in the documented form.
    case malformedRelease(String)

    public var description: String {
        switch self {
        case .invalidPath(let path, let reason):
            return "invalid secret path '\(path.prefix(80))': \(reason); use segments of letters, digits, '.', '_' and '-' separated by '/', e.g. apps/db/disk-key"
        case .invalidValueSize(let size):
            return "a secret value must be 1 to \(SecretEnvelope.maxValueBytes) bytes, got \(size)"
        case .invalidTEEKey(let reason):
            return "the token's tee_pubkey cannot receive a sealed secret: \(reason); bind an EC P-256 JWK as tee_pubkey in the runtime data"
        case .invalidPolicy(let prefix, let reason):
            return "resource policy for '\(prefix)' is invalid: \(reason)"
        case .policyFailed(let prefix, let reason):
            return "resource policy for '\(prefix)' failed: \(reason); reproduce it with assay policy eval and fix the policy"
        case .cannotOpen(let reason): return "cannot open sealed data: \(reason)"
        case .malformedRelease(let reason): return "malformed release response: \(reason)"
        }
    }
}
