import Appraisal
import AttestationCore
import Logging
import Rego
import Storage

/// The appraisal policies the service applies: the built-in one, or a stored Rego policy chosen by the request
/// (`"policy"` in `POST /v1/attest`) or by configuration (`appraisal_policy`).
///
/// Stored policies are compiled once per content digest, so an update on any replica takes effect on the next
/// attestation that names it, and unchanged policies cost one store read.
actor AppraisalPolicies {
    /// Most compiled stored policies kept.
    static let maxCompiled = 64

    let builtIn: any AppraisalPolicy
    let store: any AssayStore
    let configuredID: String?
    private var compiled: [String: RegoAppraisalPolicy] = [:]

    init(builtIn: any AppraisalPolicy, store: any AssayStore, configuredID: String?) {
        self.builtIn = builtIn
        self.store = store
        self.configuredID = configuredID
    }

    /// The policy named `id`, the configured one when `id` is nil, or the built-in one (without a hop to the
    /// actor: most attestations use it).
    nonisolated func policy(named id: String?) async throws -> any AppraisalPolicy {
        guard let id = id ?? configuredID, id != builtIn.id else { return builtIn }
        return try await stored(id: id)
    }

    /// A stored policy, compiled once per content digest.
    private func stored(id: String) async throws -> any AppraisalPolicy {
        guard let record = try await store.policy(id: id) else {
            throw Problem(
                status: 400, name: "unknown-policy", title: "No such appraisal policy",
                detail: "no policy '\(id)' is stored; upload it with PUT /v1/policies/\(id) or omit \"policy\" to use \(builtIn.id)")
        }
        let key = record.id + "@" + record.sha256
        if let policy = compiled[key] { return policy }
        let policy: RegoAppraisalPolicy
        do {
            policy = try RegoAppraisalPolicy(id: record.id, source: record.text)
        } catch {
            throw Problem(
                status: 400, name: "invalid-policy", title: "The appraisal policy does not compile",
                detail: "\(error); fix it with PUT /v1/policies/\(id)")
        }
        if compiled.count >= Self.maxCompiled { compiled.removeAll() }
        compiled[key] = policy
        return policy
    }

    /// Compiles an uploaded policy so that only valid Rego is stored; the problem names the line and column.
    static func validate(id: String, text: String) throws {
        do {
            _ = try Policy(modules: [RegoModule(fileName: id, source: text)])
        } catch {
            throw Problem(
                status: 400, name: "invalid-policy", title: "The policy does not compile",
                detail: "\(error)", extensions: ["code": .string(error.code)])
        }
    }
}
