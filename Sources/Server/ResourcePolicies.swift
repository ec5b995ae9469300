import AttestationCore
import KeyBroker
import Storage

/// The resource policies attached to path prefixes: the ones on a path's prefixes are read from the store on every
/// release (so a change on any replica applies to the next request), checked against their integrity tags, and
/// compiled once per policy version.
struct ResourcePolicies: Sendable {
    /// Most compiled policies kept.
    static let capacity = 256

    let store: any PolicyStore
    let integrity: RowIntegrity
    let compiled = BoundedCache<PolicyKey, CompiledResult>(limit: ResourcePolicies.capacity)

    struct PolicyKey: Hashable, Sendable {
        let prefix: String
        let sha256: String
    }

    enum CompiledResult: Sendable {
        case policy(ResourcePolicy)
        case invalid(String)
    }

    /// The policy on the longest prefix of `path` that has an intact one, or nil (release is then denied by
    /// default). A policy whose integrity tag fails counts as absent, so the next shorter prefix decides.
    func policy(covering path: SecretPath) async throws -> ResourcePolicy? {
        let prefixes = path.prefixes
        let records = try await store.policies(.resource, keys: prefixes).compactMap {
            integrity.verified($0, table: PolicyKind.resource.table)
        }
        let byPrefix = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        guard let record = prefixes.lazy.compactMap({ byPrefix[$0] }).first else { return nil }
        let result = compiled.value(for: PolicyKey(prefix: record.id, sha256: record.sha256)) {
            do { return .policy(try ResourcePolicy(prefix: record.id, source: record.text)) } catch {
                return .invalid("\(error)")
            }
        }
        switch result {
        case .policy(let policy): return policy
        case .invalid(let reason): throw ReleaseFailure.policyFailed(prefix: record.id, reason: reason)
        }
    }
}
