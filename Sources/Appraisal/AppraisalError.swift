public import AttestationCore

/// Why an appraisal could not be carried out (bad reference values or policy): thrown, never a result.
public enum AppraisalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A reference-value document is not valid; `location` says which entry.
    case invalidReferenceValues(location: String, reason: String)
    /// The document is not JSON.
    case malformedDocument(AttestationCoreError)

    public var description: String {
        switch self {
        case .invalidReferenceValues(let location, let reason):
            return "invalid reference values at \(location): \(reason)"
        case .malformedDocument(let error):
            return "reference values are not valid JSON: \(error)"
        }
    }
}
