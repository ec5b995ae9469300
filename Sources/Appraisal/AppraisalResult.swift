public import AttestationCore

/// Why a trustworthiness component is not affirming: the check, expected and observed.
public struct AppraisalReason: Sendable, Hashable, CustomStringConvertible {
    /// The component this reason lowers.
    public let component: TrustComponent
    /// The check or rule that decided it.
    public let check: String
    /// What was required.
    public let expected: String
    /// What was found.
    public let observed: String

    public init(component: TrustComponent, check: String, expected: String, observed: String) {
        self.component = component
        self.check = check
        self.expected = expected
        self.observed = observed
    }

    public var description: String { "\(component.rawValue): \(check): expected \(expected), observed \(observed)" }

    /// `{"component","check","expected","observed"}`.
    public var json: JSONValue {
        .object([
            "component": .string(component.rawValue), "check": .string(check),
            "expected": .string(expected), "observed": .string(observed),
        ])
    }
}

/// The result of appraising verified claims: an AR4SI trust vector, the EAR status and the reasons.
public struct AppraisalResult: Sendable, Hashable {
    /// The trustworthiness vector.
    public var vector: TrustworthinessVector
    /// The reasons for every component that is not affirming.
    public var reasons: [AppraisalReason]
    /// The policy that produced this result.
    public var policyID: String
    /// SHA-256 (hex) of the policy's text, so a result names the exact policy.
    public var policyDigest: String

    public init(vector: TrustworthinessVector, reasons: [AppraisalReason], policyID: String, policyDigest: String) {
        self.vector = vector
        self.reasons = reasons
        self.policyID = policyID
        self.policyDigest = policyDigest
    }

    /// `ear.status`: the worst tier among the claims made.
    public var status: TrustTier { vector.status }
}
