public import Foundation

/// The stored appraisal policies (Rego), versioned; every change is audited in its own transaction.
public protocol AppraisalPolicyStore: Sendable {
    /// Stores the next version of policy `id` (one above any version it ever had), tagged by `tagger`, together with
    /// the audit record `audit` makes of it.
    func putPolicy(
        id: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord)
    /// The current version of a policy, or the given version from its history.
    func policy(id: String, version: Int?) async throws -> PolicyRecord?
    /// The current version of every policy, ordered by id.
    func policies() async throws -> [PolicyRecord]
    /// Every version of every policy ever stored, ordered by id and version.
    func policyHistory() async throws -> [PolicyRecord]
    /// Removes the current version of a policy (its history stays) with the audit record `audit` makes of it;
    /// nil when there was none.
    func deletePolicy(id: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord) async throws -> AuditRecord?
}

extension AppraisalPolicyStore {
    /// The current version of a policy.
    public func policy(id: String) async throws -> PolicyRecord? {
        try await policy(id: id, version: nil)
    }
}

/// The tables appraisal policies live in (part of their integrity tags).
public enum AppraisalPolicyTable {
    /// Current versions.
    public static let current = "policies"
}
