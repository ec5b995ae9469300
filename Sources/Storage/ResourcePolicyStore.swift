public import Foundation

/// The resource policies (Rego) attached to secret path prefixes, versioned; every change is audited in its own
/// transaction.
public protocol ResourcePolicyStore: Sendable {
    /// Stores the next version of the policy on `prefix`, tagged by `tagger`, with the audit record `audit` makes.
    func putResourcePolicy(
        prefix: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord)
    /// The current policy on `prefix`, or the given version from its history.
    func resourcePolicy(prefix: String, version: Int?) async throws -> PolicyRecord?
    /// The current policy of every prefix (the record's `id` is the prefix), ordered by prefix.
    func resourcePolicies() async throws -> [PolicyRecord]
    /// Every version of every resource policy ever stored, ordered by prefix and version.
    func resourcePolicyHistory() async throws -> [PolicyRecord]
    /// The current policies on any of `prefixes` (the prefixes of one secret path).
    func resourcePolicies(on prefixes: [String]) async throws -> [PolicyRecord]
    /// Detaches the policy of a prefix (its history stays) with the audit record `audit` makes; nil if there was none.
    func deleteResourcePolicy(prefix: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord) async throws
        -> AuditRecord?
}

/// The tables resource policies live in (part of their integrity tags).
public enum ResourcePolicyTable {
    /// Current versions.
    public static let current = "resource_policies"
}
