public import AttestationCore

/// The outcome of matching one claim against its reference values (any current entry may match).
public struct ReferenceValueMatch: Sendable, Hashable {
    /// Dotted claim path.
    public let claim: String
    /// The component a mismatch affects.
    public let component: TrustComponent
    /// Whether some reference value accepted the claim.
    public let matched: Bool
    /// What the reference values accept.
    public let expected: String
    /// The claim's value (`absent` when the evidence has no such claim).
    public let observed: String

    /// `{"claim","component","matched","expected","observed"}`, as appraisal policies see it.
    public var json: JSONValue {
        .object([
            "claim": .string(claim), "component": .string(component.rawValue), "matched": .bool(matched),
            "expected": .string(expected), "observed": .string(observed),
        ])
    }

    /// Matches every claim that has current reference values.
    public static func matchAll(claims: Claims, referenceValues: [ReferenceValue]) -> [ReferenceValueMatch] {
        let document = JSONValue.object(claims)
        let byClaim = Dictionary(grouping: referenceValues, by: \.claim)
        return byClaim.keys.sorted().compactMap { claim in
            guard let entries = byClaim[claim], let first = entries.first else { return nil }
            let observed = document.value(atPath: claim)
            let matched = observed.map { value in entries.contains { $0.matches(value) } } ?? false
            return ReferenceValueMatch(
                claim: claim,
                component: first.component,
                matched: matched,
                expected: entries.map(\.expectation).joined(separator: " or "),
                observed: observed.map { ReferenceValue.canonical($0) ?? $0.compactText } ?? "absent")
        }
    }
}
