import AttestationCore
import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// Builds the router: public attestation and TPM enrollment endpoints, well-known documents, health, metrics and the
/// admin API.
struct AssayRoutes {
    let service: AttestationService
    let keyRelease: KeyReleaseService
    let tpmEnrollment: TPMEnrollmentService
    let store: any AssayStore
    let keyRing: KeyRing
    let referenceValues: ReferenceValueCache
    let configuration: ServerConfiguration
    let issuer: IssuerURL
    let metrics: ServerMetrics
    let openAPIDocument: [UInt8]
    let logger: Logger

    func router() -> Router<AssayRequestContext> {
        let router = Router(context: AssayRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware(logger: logger))
        addPublicRoutes(to: router)
        addTPMEnrollmentRoutes(to: router)
        addReleaseRoute(to: router)
        let admin = router.group("/v1").add(middleware: AdminAuthMiddleware(token: configuration.adminToken))
        addAdminRoutes(to: admin)
        addSecretAdminRoutes(to: admin)
        return router
    }

    func addPublicRoutes(to router: Router<AssayRequestContext>) {
        let limit = configuration.maxBodyBytes
        router.post("/v1/challenge") { request, _ in
            _ = try await HTTPBody.collect(request, limit: limit)
            return HTTPBody.response(try await service.challenge(), status: .created)
        }
        router.post("/v1/attest") { request, context in
            let attest = try AttestRequest(json: try await HTTPBody.json(request, limit: limit))
            return HTTPBody.response(try await service.attest(attest, client: context.clientAddress))
        }
        router.get("/.well-known/jwks.json") { _, _ in
            HTTPBody.response(try await keyRing.jwks().json, contentType: "application/jwk-set+json")
        }
        router.get("/.well-known/openid-configuration") { _, _ in
            let issuer = issuer.current
            return HTTPBody.response([
                "issuer": .string(issuer), "jwks_uri": .string(issuer + "/.well-known/jwks.json"),
                "id_token_signing_alg_values_supported": ["ES256"], "response_types_supported": ["id_token"],
                "subject_types_supported": ["public"], "claims_supported": ["eat_profile", "eat_nonce", "submods", "iss", "iat", "exp"],
            ])
        }
        router.get("/healthz") { _, _ in
            _ = try await store.auditRecords(after: Int64.max, limit: 1)
            return HTTPBody.response(["status": "ok"])
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: openAPIDocument)))
        }
    }

    /// Policy ids: 1–64 characters of letters, digits, `.`, `_` and `-`.
    static func validPolicyID(_ id: String) -> Bool {
        (1...64).contains(id.count)
            && id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
            && id.allSatisfy(\.isASCII)
    }

    func policyID(_ context: AssayRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), Self.validPolicyID(id) else {
            throw Problem.invalidRequest("a policy id is 1-64 characters of letters, digits, '.', '_' and '-'")
        }
        return id
    }

    func addAdminRoutes(to admin: RouterGroup<AssayRequestContext>) {
        let limit = configuration.maxBodyBytes
        admin.put("policies/:id") { request, context in
            let id = try policyID(context)
            let bytes = try await HTTPBody.collect(request, limit: limit)
            guard let text = String(validating: bytes, as: UTF8.self), !text.isEmpty else {
                throw Problem.invalidRequest("the policy must be non-empty UTF-8 text")
            }
            try AppraisalPolicies.validate(id: id, text: text)
            let digest = Hex.encode(SHA256.hash(data: bytes))
            let record = try await store.putPolicy(id: id, text: text, sha256: digest, at: service.clock.now())
            return HTTPBody.response(Self.policyJSON(record, includeText: false), status: record.version == 1 ? .created : .ok)
        }
        admin.get("policies") { _, _ in
            HTTPBody.response(["policies": .array(try await store.policies().map { Self.policyJSON($0, includeText: false) })])
        }
        admin.get("policies/:id") { _, context in
            let id = try policyID(context)
            guard let record = try await store.policy(id: id) else { throw Problem.notFound("no policy '\(id)'") }
            return HTTPBody.response(Self.policyJSON(record, includeText: true))
        }
        admin.delete("policies/:id") { _, context in
            let id = try policyID(context)
            guard try await store.deletePolicy(id: id) else { throw Problem.notFound("no policy '\(id)'") }
            return Response(status: .noContent)
        }
        admin.post("reference-values") { request, _ in
            let bytes = try await HTTPBody.collect(request, limit: limit)
            let set: ReferenceValueDocument
            do { set = try ReferenceValueDocument(bytes) } catch { throw Problem.invalidRequest("\(error)") }
            let records = try await store.addReferenceValues(set.entries, at: service.clock.now())
            referenceValues.invalidate()
            return HTTPBody.response(["reference_values": .array(try records.map(Self.referenceValueJSON))], status: .created)
        }
        admin.get("reference-values") { _, _ in
            HTTPBody.response(["reference_values": .array(try await store.referenceValues().map(Self.referenceValueJSON))])
        }
        admin.delete("reference-values/:id") { _, context in
            guard let id = context.parameters.get("id"), try await store.deleteReferenceValue(id: id) else {
                throw Problem.notFound("no reference value with that id")
            }
            referenceValues.invalidate()
            return Response(status: .noContent)
        }
        admin.post("keys/rotate") { request, _ in
            _ = try await HTTPBody.collect(request, limit: limit)
            return HTTPBody.response(["kid": .string(try await keyRing.rotate())], status: .created)
        }
        admin.get("keys") { _, _ in
            HTTPBody.response(["keys": .array(try await keyRing.describe())])
        }
        admin.get("audit") { request, _ in
            let after = request.uri.queryParameters.get("after").flatMap { Int64($0) } ?? 0
            let requested = request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 100
            let records = try await store.auditRecords(after: after, limit: min(max(requested, 1), 1000))
            return HTTPBody.response(["records": .array(records.map(Self.auditJSON))])
        }
    }

    static func policyJSON(_ record: PolicyRecord, includeText: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(record.id), "version": .integer(Int64(record.version)), "sha256": .string(record.sha256),
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
