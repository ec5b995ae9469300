import AttestationCore
import Hummingbird
import KeyBroker
import Storage
import Tokens

/// The key broker's routes: secret release (token-authenticated) and the admin API for secrets and the resource
/// policies attached to path prefixes.
extension AssayRoutes {
    /// The path caught by `/v1/secrets/**` or `/v1/resource-policies/**`, exactly as sent.
    static func caughtPath(_ context: AssayRequestContext) -> String {
        context.parameters.get(String(Parameters.recursiveCaptureKey)) ?? ""
    }

    static func secretPath(_ text: String) throws -> SecretPath {
        do { return try SecretPath(text) } catch { throw Problem.invalidRequest("\(error)") }
    }

    /// A secret's path for the admin routes: `release` as the last segment names the release endpoint, which only
    /// takes POST.
    static func adminSecretPath(_ context: AssayRequestContext, method: String) throws -> SecretPath {
        let text = caughtPath(context)
        if text.hasSuffix("/release") {
            throw RouteGuardMiddleware<AssayRequestContext>.methodNotAllowed(
                method, path: "/v1/secrets/\(text)", allowed: ["POST"])
        }
        return try secretPath(text)
    }

    func addReleaseRoute(to router: Router<AssayRequestContext>) {
        router.post("/v1/secrets/**") { request, context in
            let caught = Self.caughtPath(context)
            guard caught.hasSuffix("/release") else {
                return Problem(
                    .methodNotAllowed,
                    "POST is only for /v1/secrets/{path}/release; store secrets with PUT /v1/secrets/{path} (admin)",
                    headers: ["Allow": "DELETE, GET, PUT"]
                ).response
            }
            return try await pooled(context, body: request, limit: ReleaseRequest.maxBodyBytes) { bytes in
                let body = try ReleaseRequest(body: bytes)
                let header = request.headers[.authorization]
                let token = header.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst("Bearer ".count)) : nil }
                let released = try await release.release(
                    pathText: String(caught.dropLast("/release".count)), bearerToken: token,
                    requestedKey: body.requestedKey, client: context.clientAddress)
                return HTTPBody.response(.object(released))
            }
        }
    }

    func addSecretAdminRoutes(to admin: RouterGroup<AssayRequestContext>) {
        admin.put("secrets/**") { request, context in
            // The value is read on the worker so that the one buffer that holds it is the one wiped.
            try await pooled(context) {
                let path = try Self.adminSecretPath(context, method: "PUT")
                var value = try await HTTPBody.collect(request, limit: min(configuration.maxBodyBytes, SecretEnvelope.maxValueBytes))
                defer { SecureWipe.wipe(&value) }
                let record = try await self.admin.putSecret(path: path, value: value, by: try Self.actor(context))
                return HTTPBody.response(Self.secretJSON(record), status: record.version == 1 ? .created : .ok)
            }
        }
        admin.get("secrets") { request, context in
            try await pooled(context) {
                let prefix = try request.uri.queryParameters.get("prefix").map { try Self.secretPath(String($0)) }
                return HTTPBody.response(["secrets": .array(try await self.admin.secrets(under: prefix).map(Self.secretJSON))])
            }
        }
        admin.get("secrets/**") { _, context in
            try await pooled(context) {
                HTTPBody.response(Self.secretJSON(try await self.admin.secret(path: try Self.adminSecretPath(context, method: "GET"))))
            }
        }
        admin.delete("secrets/**") { _, context in
            try await pooled(context) {
                try await self.admin.deleteSecret(path: try Self.adminSecretPath(context, method: "DELETE"), by: try Self.actor(context))
                return Response(status: .noContent)
            }
        }
        admin.put("resource-policies/**") { request, context in
            try await pooled(context, body: request, limit: configuration.maxBodyBytes) { body in
                let prefix = try Self.secretPath(Self.caughtPath(context))
                let text = try Self.text(body, what: "resource policy")
                let record = try await self.admin.putResourcePolicy(prefix: prefix, text: text, by: try Self.actor(context))
                return HTTPBody.response(
                    Self.policyJSON(record, .resource, includeText: false), status: record.version == 1 ? .created : .ok)
            }
        }
        admin.get("resource-policies") { _, context in
            try await pooled(context) {
                HTTPBody.response([
                    "resource_policies": .array(
                        try await self.admin.policies(.resource).map { Self.policyJSON($0, .resource, includeText: false) })
                ])
            }
        }
        admin.get("resource-policies/**") { request, context in
            try await pooled(context) {
                let record = try await self.admin.policy(
                    .resource, key: try Self.secretPath(Self.caughtPath(context)).text, version: try Self.version(request))
                return HTTPBody.response(Self.policyJSON(record, .resource, includeText: true))
            }
        }
        admin.delete("resource-policies/**") { _, context in
            try await pooled(context) {
                try await self.admin.deletePolicy(.resource, key: try Self.secretPath(Self.caughtPath(context)).text, by: try Self.actor(context))
                return Response(status: .noContent)
            }
        }
    }

    /// Metadata only: the value never leaves through the admin API.
    static func secretJSON(_ record: SecretRecord) -> JSONValue {
        .object([
            "path": .string(record.path), "version": .integer(Int64(record.version)), "size": .integer(Int64(record.size)),
            "kek_id": .string(record.kekID), "created_at": .string(RFC3339.format(record.createdAt)),
            "updated_at": .string(RFC3339.format(record.updatedAt)),
        ])
    }
}
