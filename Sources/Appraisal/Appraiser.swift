public import AttestationCore
public import Foundation

/// Appraises verdicts: matches reference values (built in, the Veraison way), then applies the policy.
public struct Appraiser: Sendable {
    /// The policy applied after reference-value matching.
    public let policy: any AppraisalPolicy
    /// The reference values matched against claims.
    public let referenceValues: ReferenceValueSet

    public init(policy: any AppraisalPolicy, referenceValues: ReferenceValueSet) {
        self.policy = policy
        self.referenceValues = referenceValues
    }

    /// Appraises a verdict at `instant` (reference values that expired before it are ignored).
    public func appraise(_ verdict: Verdict, runtimeData: RuntimeData?, at instant: Date) throws -> AppraisalResult {
        let current = referenceValues.current(for: verdict.tee, at: instant)
        let matches = ReferenceValueMatch.matchAll(claims: verdict.claims, referenceValues: current)
        return try policy.appraise(
            AppraisalInput(
                verdict: verdict, referenceValues: current, matches: matches, runtimeData: runtimeData, instant: instant))
    }
}
