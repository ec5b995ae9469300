import AttestationCore
import Crypto
import Foundation
import Hummingbird
import KeyBroker
import Storage
import Tokens

/// The key broker's routes: secret release (token-authenticated) and the admin API for secrets and the resource
/// policies attached to path prefixes.
extension AssayRoutes {
    /// Largest body of a release request (an optional `{"tee_pubkey": JWK}`).
    static let maxReleaseBodyBytes = 16 * 1024

    /// The path caught by `/v1/secrets/**` or `/v1/resource-policies/**`, exactly as sent.
    static func caughtPath(_ context: AssayRequestContext) -> String {
        context.parameters.get(String(Parameters.recursiveCaptureKey)) ?? ""
    }

    static func secretPath(_ text: String) throws -> SecretPath {
        do { return try SecretPath(text) } catch { throw Problem.invalidRequest("\(error)") }
    }

    func addReleaseRoute(to router: Router<AssayRequestContext>) {
        router.post("/v1/secrets/**") { request, context in
            let caught = Self.caughtPath(context)
            guard caught.hasSuffix("/release") else {
                throw Problem(
                    status: 405, name: "method-not-allowed", title: "Method not allowed",
                    detail: "POST is only for /v1/secrets/{path}/release; store secrets with PUT /v1/secrets/{path} (admin)")
            }
            let bytes = try await HTTPBody.collect(request, limit: Self.maxReleaseBodyBytes)
            let body: JSONValue?
            do { body = bytes.isEmpty ? nil : try JSONValue(parsing: bytes) } catch {
                throw Problem.invalidRequest("the body must be empty or a JSON object {\"tee_pubkey\": JWK}: \(error)")
            }
            let released = try await keyRelease.release(
                pathText: String(caught.dropLast("/release".count)), authorization: request.headers[.authorization],
                body: body, client: context.clientAddress)
            return HTTPBody.response(released)
        }
    }

    func addSecretAdminRoutes(to admin: RouterGroup<AssayRequestContext>) {
        admin.put("secrets/**") { request, context in
            let path = try Self.secretPath(Self.caughtPath(context))
            var value = try await HTTPBody.collect(request, limit: min(configuration.maxBodyBytes, SecretEnvelope.maxValueBytes))
            defer { SecureWipe.wipe(&value) }
            let now = service.clock.now()
            let sealed: SecretRecord
            do { sealed = try SecretEnvelope.seal(value, path: path, kek: try await keyRing.kek, at: now) } catch let error as KeyBrokerError {
                throw Problem.invalidRequest("\(error)")
            }
            let record = try await store.putSecret(sealed)
            try await auditAdmin("secret-put", path: path.text, client: context.clientAddress, at: now)
            return HTTPBody.response(Self.secretJSON(record), status: record.version == 1 ? .created : .ok)
        }
        admin.get("secrets") { request, _ in
            let prefix = try request.uri.queryParameters.get("prefix").map { try Self.secretPath($0).text }
            return HTTPBody.response(["secrets": .array(try await store.secrets(under: prefix).map(Self.secretJSON))])
        }
        admin.get("secrets/**") { _, context in
            let path = try Self.secretPath(Self.caughtPath(context))
            guard let record = try await store.secret(path: path.text) else { throw Problem.notFound("no secret at \(path)") }
            return HTTPBody.response(Self.secretJSON(record))
        }
        admin.delete("secrets/**") { _, context in
            let path = try Self.secretPath(Self.caughtPath(context))
            guard try await store.deleteSecret(path: path.text) else { throw Problem.notFound("no secret at \(path)") }
            try await auditAdmin("secret-delete", path: path.text, client: context.clientAddress, at: service.clock.now())
            return Response(status: .noContent)
        }
        admin.put("resource-policies/**") { request, context in
            let prefix = try Self.secretPath(Self.caughtPath(context))
            let bytes = try await HTTPBody.collect(request, limit: configuration.maxBodyBytes)
            guard let text = String(validating: bytes, as: UTF8.self), !text.isEmpty else {
                throw Problem.invalidRequest("the resource policy must be non-empty UTF-8 Rego text")
            }
            do { _ = try ResourcePolicy(prefix: prefix.text, source: text) } catch {
                throw Problem(
                    status: 400, name: "invalid-policy", title: "The resource policy does not compile", detail: "\(error)")
            }
            let record = try await store.putResourcePolicy(
                prefix: prefix.text, text: text, sha256: Hex.encode(SHA256.hash(data: bytes)), at: service.clock.now())
            return HTTPBody.response(
                Self.resourcePolicyJSON(record, includeText: false), status: record.version == 1 ? .created : .ok)
        }
        admin.get("resource-policies") { _, _ in
            HTTPBody.response([
                "resource_policies": .array(try await store.resourcePolicies().map { Self.resourcePolicyJSON($0, includeText: false) })
            ])
        }
        admin.get("resource-policies/**") { _, context in
            let prefix = try Self.secretPath(Self.caughtPath(context))
            guard let record = try await store.resourcePolicies().first(where: { $0.id == prefix.text }) else {
                throw Problem.notFound("no resource policy on '\(prefix)'")
            }
            return HTTPBody.response(Self.resourcePolicyJSON(record, includeText: true))
        }
        admin.delete("resource-policies/**") { _, context in
            let prefix = try Self.secretPath(Self.caughtPath(context))
            guard try await store.deleteResourcePolicy(prefix: prefix.text) else {
                throw Problem.notFound("no resource policy on '\(prefix)'")
            }
            return Response(status: .noContent)
        }
    }

    func auditAdmin(_ kind: String, path: String, client: String, at instant: Date) async throws {
        _ = try await store.appendAudit(
            AuditRecord(
                at: instant, kind: kind, client: client, tee: "", nonce: nil, outcome: "done", claimsSHA256: "",
                policyID: "", policySHA256: "", detail: JSONValue.object(["path": .string(path)]).compactText))
    }

    /// Metadata only: the value never leaves through the admin API.
    static func secretJSON(_ record: SecretRecord) -> JSONValue {
        .object([
            "path": .string(record.path), "version": .integer(Int64(record.version)), "size": .integer(Int64(record.size)),
            "kek_id": .string(record.kekID), "created_at": .string(RFC3339.format(record.createdAt)),
            "updated_at": .string(RFC3339.format(record.updatedAt)),
        ])
    }

    static func resourcePolicyJSON(_ record: PolicyRecord, includeText: Bool) -> JSONValue {
        guard case .object(var members) = policyJSON(record, includeText: includeText) else { return .null }
        members["prefix"] = members.removeValue(forKey: "id")
        return .object(members)
    }
}
