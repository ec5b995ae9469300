/// A resource policy's answer to one release request, with what to tell the requester when it is a refusal.
public struct ReleaseDecision: Sendable, Hashable {
    /// Most reasons carried into a refusal.
    public static let maxReasons = 32

    /// Whether the secret may be released.
    public let allowed: Bool
    /// The prefix of the policy that decided ("" when no policy covers the path).
    public let prefix: String
    /// SHA-256 (hex) of the policy that decided ("" when none).
    public let policyDigest: String
    /// The policy's `reasons`, for a refusal.
    public let reasons: [String]

    public init(allowed: Bool, prefix: String, policyDigest: String, reasons: [String]) {
        self.allowed = allowed
        self.prefix = prefix
        self.policyDigest = policyDigest
        self.reasons = reasons
    }

    /// The refusal when no policy covers a path: release is denied by default.
    public static let noPolicy = ReleaseDecision(allowed: false, prefix: "", policyDigest: "", reasons: [])

    /// The rule that decided, as a requester sees it.
    public var rule: String {
        prefix.isEmpty ? "default deny (no resource policy covers the path)" : "\(ResourcePolicy.allowDocument) of the resource policy on '\(prefix)'"
    }
}
