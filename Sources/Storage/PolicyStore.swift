public import Foundation

/// The two kinds of stored Rego policy: appraisal policies (by id) and the resource policies attached to secret path
/// prefixes (by prefix). Both are versioned with a history and share one store.
public enum PolicyKind: Sendable, CaseIterable {
    case appraisal
    case resource

    /// The table of current versions; also the table named in the integrity tags of current and history rows alike.
    public var table: String {
        switch self {
        case .appraisal: "policies"
        case .resource: "resource_policies"
        }
    }

    /// Every version ever stored.
    public var historyTable: String {
        switch self {
        case .appraisal: "policy_versions"
        case .resource: "resource_policy_versions"
        }
    }

    /// The key column: an appraisal policy's `id`, a resource policy's `prefix`.
    public var keyColumn: String {
        switch self {
        case .appraisal: "id"
        case .resource: "prefix"
        }
    }
}

/// The stored policies of both kinds, versioned; every change is audited in its own transaction.
public protocol PolicyStore: Sendable {
    /// Stores the next version of the policy under `key` (one above any version it ever had), tagged by `tagger`,
    /// together with the audit record `audit` makes of it.
    func putPolicy(
        _ kind: PolicyKind, key: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord)
    /// The current version of a policy, or the given version from its history.
    func policy(_ kind: PolicyKind, key: String, version: Int?) async throws -> PolicyRecord?
    /// The current version of every policy of a kind, ordered by key (the record's `id`).
    func policies(_ kind: PolicyKind) async throws -> [PolicyRecord]
    /// The current versions of the policies under any of `keys` (for resource policies: the prefixes of one path).
    func policies(_ kind: PolicyKind, keys: [String]) async throws -> [PolicyRecord]
    /// Every version of every policy of a kind ever stored, ordered by key and version.
    func policyHistory(_ kind: PolicyKind) async throws -> [PolicyRecord]
    /// Removes the current version of a policy (its history stays) with the audit record `audit` makes of it;
    /// nil when there was none.
    func deletePolicy(_ kind: PolicyKind, key: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord)
        async throws -> AuditRecord?
}

extension PolicyStore {
    /// The current version of a policy.
    public func policy(_ kind: PolicyKind, key: String) async throws -> PolicyRecord? {
        try await policy(kind, key: key, version: nil)
    }
}
