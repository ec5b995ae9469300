import Appraisal
import AttestationCore
import Logging
import Rego
import Storage

/// The appraisal policies the service applies: the built-in one, the operator's configured one
/// (`appraisal_policy`), or a stored policy the request names, if the operator made it selectable
/// (`selectable_policy`).
///
/// Stored policies are read on every attestation that uses one (so an update on any replica takes effect at once),
/// checked against their integrity tag, and compiled once per content digest.
actor AppraisalPolicies {
    /// Most compiled stored policies kept.
    static let maxCompiled = 64

    let builtIn: any AppraisalPolicy
    let store: any PolicyStore
    let configuredID: String?
    let selectable: Set<String>
    let integrity: RowIntegrity
    private var compiled: [String: RegoAppraisalPolicy] = [:]

    init(
        builtIn: any AppraisalPolicy, store: any PolicyStore, configuredID: String?, selectable: Set<String>,
        integrity: RowIntegrity
    ) {
        self.builtIn = builtIn
        self.store = store
        self.configuredID = configuredID
        self.selectable = selectable
        self.integrity = integrity
    }

    /// The policy a request naming `requested` gets: that one when it is selectable, else the configured or the
    /// built-in one (without a hop to the actor for the built-in one: most attestations use it).
    nonisolated func policy(named requested: PolicyID?) async throws -> any AppraisalPolicy {
        if let requested, requested.text != configuredID, !selectable.contains(requested.text) {
            throw AttestationFailure.policyNotSelectable(requested.text, selectable: selectable.sorted())
        }
        guard let id = requested?.text ?? configuredID, id != builtIn.id else { return builtIn }
        return try await stored(id: id)
    }

    /// A stored policy, compiled once per content digest.
    private func stored(id: String) async throws -> any AppraisalPolicy {
        guard let read = try await store.policy(.appraisal, key: id),
            let record = integrity.verified(read, table: PolicyKind.appraisal.table)
        else {
            throw AttestationFailure.unknownPolicy(id, builtIn: builtIn.id)
        }
        let key = record.id + "@" + record.sha256
        if let policy = compiled[key] { return policy }
        let policy: RegoAppraisalPolicy
        do {
            policy = try RegoAppraisalPolicy(id: record.id, source: record.text)
        } catch {
            throw AttestationFailure.invalidStoredPolicy(id, reason: "\(error)")
        }
        if compiled.count >= Self.maxCompiled { compiled.removeAll() }
        compiled[key] = policy
        return policy
    }
}
