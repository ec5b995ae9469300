import AttestationCore
import Hummingbird
import Storage

/// The admin API for appraisal policies, reference values, signing keys and the audit log (bearer token).
extension AssayRoutes {
    static func policyID(_ context: AssayRequestContext) throws -> PolicyID {
        guard let text = context.parameters.get("id"), let id = PolicyID(text) else {
            throw Problem.invalidRequest(PolicyID.rule)
        }
        return id
    }

    func addAdminRoutes(to admin: RouterGroup<AssayRequestContext>) {
        let limit = configuration.maxBodyBytes
        admin.put("policies/:id") { request, context in
            try await pooled(context, body: request, limit: limit) { body in
                let id = try Self.policyID(context)
                let text = try Self.text(body, what: "policy")
                let record = try await self.admin.putPolicy(id: id, text: text, by: try Self.actor(context))
                return HTTPBody.response(Self.policyJSON(record, .appraisal, includeText: false), status: record.version == 1 ? .created : .ok)
            }
        }
        admin.get("policies") { _, context in
            try await pooled(context) {
                HTTPBody.response(["policies": .array(try await self.admin.policies(.appraisal).map { Self.policyJSON($0, .appraisal, includeText: false) })])
            }
        }
        admin.get("policies/:id") { request, context in
            try await pooled(context) {
                let record = try await self.admin.policy(.appraisal, key: try Self.policyID(context).text, version: try Self.version(request))
                return HTTPBody.response(Self.policyJSON(record, .appraisal, includeText: true))
            }
        }
        admin.delete("policies/:id") { _, context in
            try await pooled(context) {
                try await self.admin.deletePolicy(.appraisal, key: try Self.policyID(context).text, by: try Self.actor(context))
                return Response(status: .noContent)
            }
        }
        admin.post("reference-values") { request, context in
            try await pooled(context, body: request, limit: limit) { body in
                let records = try await self.admin.addReferenceValues(body, by: try Self.actor(context))
                return HTTPBody.response(["reference_values": .array(try records.map(Self.referenceValueJSON))], status: .created)
            }
        }
        admin.get("reference-values") { _, context in
            try await pooled(context) {
                HTTPBody.response(["reference_values": .array(try await self.admin.referenceValues().map(Self.referenceValueJSON))])
            }
        }
        admin.delete("reference-values/:id") { _, context in
            try await pooled(context) {
                guard let id = context.parameters.get("id"), (1...64).contains(id.utf8.count) else {
                    throw Problem.notFound("no reference value with that id")
                }
                try await self.admin.deleteReferenceValue(id: id, by: try Self.actor(context))
                return Response(status: .noContent)
            }
        }
        admin.post("keys/rotate") { request, context in
            try await pooled(context, body: request, limit: limit) { _ in
                HTTPBody.response(["kid": .string(try await self.admin.rotateKey(by: try Self.actor(context)))], status: .created)
            }
        }
        admin.get("keys") { _, context in
            try await pooled(context) { HTTPBody.response(["keys": .array(try await keyRing.describe())]) }
        }
        admin.get("audit") { request, context in
            try await pooled(context) {
                let after = try Self.integer(request, "after", in: 0...Int.max) ?? 0
                let limit = try Self.integer(request, "limit", in: 1...1000) ?? 100
                let records = try await audit.auditRecords(after: Int64(after), limit: limit)
                return HTTPBody.response(["records": .array(records.map(Self.auditJSON))])
            }
        }
    }

    /// A policy's summary, or the whole policy with `includeText`; its key is named as its column is (`id`, `prefix`).
    static func policyJSON(_ record: PolicyRecord, _ kind: PolicyKind, includeText: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            kind.keyColumn: .string(record.id), "version": .integer(Int64(record.version)), "sha256": .string(record.sha256),
            "updated_at": .string(RFC3339.format(record.updatedAt)),
        ]
        if includeText { members["text"] = .string(record.text) }
        return .object(members)
    }

    static func referenceValueJSON(_ record: ReferenceValueRecord) throws -> JSONValue {
        guard case .object(var members) = try JSONValue(parsing: record.document) else {
            throw StoreError.corrupt("reference value \(record.id) is not a JSON object")
        }
        members["id"] = .string(record.id)
        members["created_at"] = .string(RFC3339.format(record.createdAt))
        return .object(members)
    }

    static func auditJSON(_ record: AuditRecord) -> JSONValue {
        .object([
            "id": .integer(record.id), "at": .string(RFC3339.format(record.at)), "kind": .string(record.kind),
            "client": .string(record.client), "tee": .string(record.tee), "nonce": record.nonce.map(JSONValue.string) ?? .null,
            "outcome": .string(record.outcome), "claims_sha256": .string(record.claimsSHA256),
            "policy_id": .string(record.policyID), "policy_sha256": .string(record.policySHA256),
            "detail": (try? JSONValue(parsing: record.detail)) ?? .string(record.detail),
        ])
    }
}
