import AttestationCore
import KeyBroker
import Storage

/// The resource policies attached to path prefixes, read from the store on every release (so a change on any
/// replica applies to the next request) and compiled once per policy version.
struct ResourcePolicyCache: Sendable {
    /// Most compiled policies kept.
    static let capacity = 256

    let store: any AssayStore
    let compiled = BoundedCache<PolicyKey, CompiledResult>(limit: ResourcePolicyCache.capacity)

    struct PolicyKey: Hashable, Sendable {
        let prefix: String
        let sha256: String
    }

    enum CompiledResult: Sendable {
        case policy(ResourcePolicy)
        case invalid(String)
    }

    /// The policy on the longest prefix of `path` that has one, or nil (release is then denied by default).
    func policy(covering path: SecretPath) async throws -> ResourcePolicy? {
        let records = Dictionary(try await store.resourcePolicies().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        guard let record = path.prefixes.lazy.compactMap({ records[$0] }).first else { return nil }
        let result = compiled.value(for: PolicyKey(prefix: record.id, sha256: record.sha256)) {
            do { return .policy(try ResourcePolicy(prefix: record.id, source: record.text)) } catch {
                return .invalid("\(error)")
            }
        }
        switch result {
        case .policy(let policy): return policy
        case .invalid(let reason):
            throw Problem(
                status: 500, name: "policy-error", title: "The resource policy failed",
                detail: "\(reason); upload a corrected policy with PUT /v1/resource-policies/\(record.id)")
        }
    }
}
