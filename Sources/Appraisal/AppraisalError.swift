public import AttestationCore
public import Rego

/// Why an appraisal could not be carried out (bad reference values or policy): thrown, never a result.
public enum AppraisalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A reference-value document is not valid; `location` says which entry.
    case invalidReferenceValues(location: String, reason: String)
    /// The document is not JSON.
    case malformedDocument(AttestationCoreError)
    /// The policy does not parse or compile (the Rego error carries OPA's code and the position).
    case invalidPolicy(id: String, RegoError)
    /// Evaluating the policy failed (a conflict, a type or built-in error, a limit).
    case policyEvaluation(id: String, RegoError)
    /// The policy evaluated but its output is not what Assay reads; `reason` says what is wrong.
    case invalidPolicyOutput(id: String, reason: String)
    /// The policy's data document is not usable.
    case invalidPolicyData(reason: String)

    public var description: String {
        switch self {
        case .invalidReferenceValues(let location, let reason):
            return "invalid reference values at \(location): \(reason)"
        case .malformedDocument(let error):
            return "reference values are not valid JSON: \(error)"
        case .invalidPolicy(let id, let error):
            return "appraisal policy \(id) does not compile: \(error)"
        case .policyEvaluation(let id, let error):
            return "appraisal policy \(id) failed while evaluating: \(error)"
        case .invalidPolicyOutput(let id, let reason):
            return "appraisal policy \(id) produced unusable output: \(reason)"
        case .invalidPolicyData(let reason):
            return "the policy data document is not usable: \(reason)"
        }
    }
}
