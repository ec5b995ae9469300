import Appraisal
import AttestationCore
import Crypto
import Foundation
import KeyBroker
import Logging
import Rego
import Storage
import Tokens

/// The admin use cases: appraisal and resource policies, reference values, signing keys and secrets. Every change
/// is audited in the same transaction as the change (who, what, the digests before and after), and the rows that
/// decide who gets secrets are tagged with the integrity key. Throws ``AdminFailure``s; knows nothing of HTTP.
struct AdminService: Sendable {
    let store: any AssayStore
    let keyRing: KeyRing
    let referenceValues: ReferenceValueCache
    let integrity: RowIntegrity
    let clock: any AttestationCore.TimeSource

    /// An audit record of an admin change.
    func record(_ kind: String, by actor: AdminActor, at instant: Date, detail: [String: JSONValue]) -> AuditRecord {
        var members = detail
        members["principal"] = .string(actor.principal)
        return AuditEntry.make(at: instant, kind: kind, client: actor.client, outcome: "done", detail: members)
    }

    /// Audit detail of a versioned change: the key, the new version and both digests.
    static func change(_ key: String, stored: PolicyRecord, replaced: PolicyRecord?) -> [String: JSONValue] {
        [
            "key": .string(key), "version": .integer(Int64(stored.version)), "sha256": .string(stored.sha256),
            "previous_sha256": replaced.map { .string($0.sha256) } ?? .null,
        ]
    }

    // MARK: Policies

    /// Stores the next version of appraisal policy `id`, once it compiles.
    func putPolicy(id: PolicyID, text: String, by actor: AdminActor) async throws -> PolicyRecord {
        do { _ = try Policy(modules: [RegoModule(fileName: id.text, source: text)]) } catch {
            throw AdminFailure.invalidPolicy("\(error)", code: error.code)
        }
        return try await putPolicy(.appraisal, key: id.text, text: text, by: actor)
    }

    /// Stores the next version of the resource policy on `prefix`, once it compiles and evaluates.
    func putResourcePolicy(prefix: SecretPath, text: String, by actor: AdminActor) async throws -> PolicyRecord {
        do { _ = try ResourcePolicy(prefix: prefix.text, source: text) } catch {
            throw AdminFailure.invalidPolicy("\(error)", code: nil)
        }
        return try await putPolicy(.resource, key: prefix.text, text: text, by: actor)
    }

    private func putPolicy(_ kind: PolicyKind, key: String, text: String, by actor: AdminActor) async throws -> PolicyRecord {
        let now = clock.now()
        return try await store.putPolicy(
            kind, key: key, text: text, sha256: Hex.encode(SHA256.hash(data: Array(text.utf8))), at: now,
            tagger: integrity.key,
            audit: { [self] stored, replaced in
                record("\(kind.auditName)-put", by: actor, at: now, detail: Self.change(key, stored: stored, replaced: replaced))
            }
        ).policy
    }

    /// The current policies of a kind whose integrity tags hold.
    func policies(_ kind: PolicyKind) async throws -> [PolicyRecord] {
        try await store.policies(kind).compactMap { integrity.verified($0, table: kind.table) }
    }

    func policy(_ kind: PolicyKind, key: String, version: Int?) async throws -> PolicyRecord {
        guard let read = try await store.policy(kind, key: key, version: version),
            let record = integrity.verified(read, table: kind.table)
        else { throw AdminFailure.notFound(kind.absence(of: key) + (version.map { " version \($0)" } ?? "")) }
        return record
    }

    func deletePolicy(_ kind: PolicyKind, key: String, by actor: AdminActor) async throws {
        let now = clock.now()
        let deleted = try await store.deletePolicy(kind, key: key) { [self] removed in
            record(
                "\(kind.auditName)-delete", by: actor, at: now,
                detail: ["key": .string(key), "version": .integer(Int64(removed.version)), "sha256": .string(removed.sha256)])
        }
        guard deleted != nil else { throw AdminFailure.notFound(kind.absence(of: key)) }
    }

    // MARK: Reference values

    func addReferenceValues(_ bytes: [UInt8], by actor: AdminActor) async throws -> [ReferenceValueRecord] {
        let set: ReferenceValueSet
        do { set = try ReferenceValueSet(json: bytes) } catch { throw AdminFailure.invalidRequest("\(error)") }
        let now = clock.now()
        let records = set.entries.map { entry in
            ReferenceValueRecord(
                id: UUID().uuidString.lowercased(), tee: entry.tee.rawValue, document: entry.json.compactText, createdAt: now
            ).tagged(by: integrity.key)
        }
        _ = try await store.addReferenceValues(
            records,
            audit: record(
                "reference-values-add", by: actor, at: now,
                detail: ["ids": .array(records.map { JSONValue.string($0.id) }), "sha256": .string(Hex.encode(SHA256.hash(data: bytes)))]))
        referenceValues.invalidate()
        return records
    }

    func referenceValues() async throws -> [ReferenceValueRecord] {
        try await store.referenceValues().compactMap(integrity.verified)
    }

    func deleteReferenceValue(id: String, by actor: AdminActor) async throws {
        let now = clock.now()
        let deleted = try await store.deleteReferenceValue(id: id) { [self] removed in
            record(
                "reference-value-delete", by: actor, at: now,
                detail: ["id": .string(removed.id), "sha256": .string(Hex.encode(SHA256.hash(data: Array(removed.document.utf8))))])
        }
        guard deleted != nil else { throw AdminFailure.notFound("no reference value with that id") }
        referenceValues.invalidate()
    }

    // MARK: Signing keys

    func rotateKey(by actor: AdminActor) async throws -> String {
        try await keyRing.rotate { kid, at in record("key-rotate", by: actor, at: at, detail: ["kid": .string(kid)]) }
    }

    // MARK: Secrets

    func putSecret(path: SecretPath, value: [UInt8], by actor: AdminActor) async throws -> SecretRecord {
        let now = clock.now()
        let sealed: SecretRecord
        do { sealed = try SecretEnvelope.seal(value, path: path, kek: try await keyRing.kek, at: now) } catch let error as KeyBrokerError {
            throw AdminFailure.invalidRequest("\(error)")
        }
        return try await store.putSecret(sealed, tagger: integrity.key) { [self] stored, replaced in
            record(
                "secret-put", by: actor, at: now,
                detail: [
                    "path": .string(path.text), "version": .integer(Int64(stored.version)), "size": .integer(Int64(stored.size)),
                    "replaced_version": replaced.map { .integer(Int64($0.version)) } ?? .null,
                ])
        }.secret
    }

    func secrets(under prefix: SecretPath?) async throws -> [SecretRecord] {
        try await store.secrets(under: prefix?.text).compactMap(integrity.verified)
    }

    func secret(path: SecretPath) async throws -> SecretRecord {
        guard let read = try await store.secret(path: path.text), let record = integrity.verified(read) else {
            throw AdminFailure.notFound("no secret at \(path)")
        }
        return record
    }

    func deleteSecret(path: SecretPath, by actor: AdminActor) async throws {
        let now = clock.now()
        let deleted = try await store.deleteSecret(path: path.text) { [self] removed in
            record("secret-delete", by: actor, at: now, detail: ["path": .string(path.text), "version": .integer(Int64(removed.version))])
        }
        guard deleted != nil else { throw AdminFailure.notFound("no secret at \(path)") }
    }
}

extension PolicyKind {
    /// The stem of the audit kinds of its changes (`policy-put`, `resource-policy-delete`).
    var auditName: String {
        switch self {
        case .appraisal: "policy"
        case .resource: "resource-policy"
        }
    }

    /// The words for a missing policy (`no policy 'strict'`, `no resource policy on 'apps/db'`).
    func absence(of key: String) -> String {
        switch self {
        case .appraisal: "no policy '\(key)'"
        case .resource: "no resource policy on '\(key)'"
        }
    }
}
