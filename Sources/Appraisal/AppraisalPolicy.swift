public import AttestationCore
public import Foundation

/// What an appraisal policy sees: the verdict, reference-value matches and the runtime data.
public struct AppraisalInput: Sendable {
    /// The verifier's verdict (claims and failures).
    public let verdict: Verdict
    /// The current reference values for this TEE.
    public let referenceValues: [ReferenceValue]
    /// The outcome of matching them against the claims.
    public let matches: [ReferenceValueMatch]
    /// The runtime data the evidence was bound to, if any.
    public let runtimeData: RuntimeData?
    /// The instant the appraisal is made as of (a policy's clock).
    public let instant: Date

    public init(
        verdict: Verdict, referenceValues: [ReferenceValue], matches: [ReferenceValueMatch], runtimeData: RuntimeData?,
        instant: Date
    ) {
        self.verdict = verdict
        self.referenceValues = referenceValues
        self.matches = matches
        self.runtimeData = runtimeData
        self.instant = instant
    }

    /// The policy's input document: `tee`, `claims`, `verification`, `reference_values`,
    /// `reference_value_matches` and `runtime_data`.
    public var json: JSONValue {
        .object([
            "tee": .string(verdict.tee.rawValue),
            "claims": .object(verdict.claims),
            "verification": .object([
                "valid": .bool(verdict.isValid), "failures": .array(verdict.failures.map(\.json)),
            ]),
            "reference_values": .array(referenceValues.map(\.json)),
            "reference_value_matches": .array(matches.map(\.json)),
            "runtime_data": runtimeData?.json.map(JSONValue.object) ?? .null,
        ])
    }
}

/// Turns verified claims into an AR4SI trust vector: everything an operator configures lives behind this.
public protocol AppraisalPolicy: Sendable {
    /// The policy's identifier, named in every result (`ear.appraisal-policy-id`).
    var id: String { get }
    /// SHA-256 (hex) of the policy's source or configuration.
    var digest: String { get }
    /// Appraises one verified piece of evidence.
    func appraise(_ input: AppraisalInput) throws -> AppraisalResult
}
