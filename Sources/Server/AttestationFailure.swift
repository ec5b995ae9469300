import AttestationCore

/// Why the attestation use case refused a request (answered by ``ProblemCatalog``).
enum AttestationFailure: Error {
    /// The runtime data holds no nonce.
    case missingNonce
    /// The nonce was issued but has expired.
    case nonceExpired(String, lifetime: Int)
    /// The nonce was never issued here or was already used.
    case nonceUnknown(String)
    /// The request names a TEE this service does not accept.
    case unsupportedTEE(String, enabled: [String])
    /// The request names an appraisal policy the operator did not make selectable.
    case policyNotSelectable(String, selectable: [String])
    /// The named or configured stored policy does not exist (or failed its integrity check).
    case unknownPolicy(String, builtIn: String)
    /// The stored policy does not compile.
    case invalidStoredPolicy(String, reason: String)
    /// The appraisal policy failed while evaluating.
    case policyFailed(String)
    /// The evidence cannot be evaluated (malformed, missing collateral).
    case invalidEvidence(String)
    /// The evidence was evaluated and rejected; the failures are audited under `auditID`.
    case rejected(Verdict, auditID: Int64)
    /// The request ran past its deadline while verifying.
    case deadlineExceeded
}
