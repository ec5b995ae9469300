import AttestationCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// Builds the router: the public attestation endpoints, plug-in routes, well-known documents, health, metrics and
/// the admin API. Work that verifies, appraises, seals or writes runs on the ``WorkerPool`` under the request
/// deadline; the cheap documents are answered on the event loop.
struct AssayRoutes {
    let attestation: AttestationService
    let release: KeyReleaseService
    let admin: AdminService
    let keyRing: KeyRing
    let audit: any AuditStore
    let configuration: ServerConfiguration
    let issuer: IssuerURL
    let metrics: ServerMetrics
    let pool: WorkerPool
    let enabledTEEs: Set<String>
    let pluginRoutes: [PluginRoute]
    let openAPIDocument: [UInt8]
    let logger: Logger

    func router() -> Router<AssayRequestContext> {
        let router = Router(context: AssayRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware(logger: logger))
        router.add(middleware: RouteGuardMiddleware(openAPIDocument: (try? JSONValue(parsing: openAPIDocument)) ?? .null))
        addPublicRoutes(to: router)
        addPluginRoutes(to: router)
        addReleaseRoute(to: router)
        let admin = router.group("/v1").add(middleware: AdminAuthMiddleware(token: configuration.adminToken))
        addAdminRoutes(to: admin)
        addSecretAdminRoutes(to: admin)
        return router
    }

    /// Reads the request's body (at most `limit` bytes) on the connection's event loop, where it arrives (the
    /// channel's read deadline bounds how long a client may take to send it, and a slow sender holds no worker), then
    /// runs `work` with it on the worker pool.
    func pooled(
        _ context: AssayRequestContext, body request: Request, limit: Int,
        _ work: @escaping @Sendable ([UInt8]) async throws -> Response
    ) async throws -> Response {
        let body = try await HTTPBody.collect(request, limit: limit)
        return try await pooled(context) { try await work(body) }
    }

    /// Runs `work` on the worker pool under the request deadline; refusals are counted and answered 503.
    func pooled(_ context: AssayRequestContext, _ work: @escaping @Sendable () async throws -> Response) async throws
        -> Response
    {
        do {
            return try await pool.run(deadline: configuration.requestTimeout, on: context.eventLoop, work)
        } catch let refusal as WorkerPool.Refusal {
            metrics.recordRefusal(refusal.problem.type)
            throw refusal
        }
    }

    func addPublicRoutes(to router: Router<AssayRequestContext>) {
        let limit = configuration.maxBodyBytes
        router.post("/v1/challenge") { request, context in
            // A nonce costs a random draw and one insert: no CPU work to keep off the event loop, so no worker hop.
            _ = try await HTTPBody.collect(request, limit: limit)
            let (nonce, expiresAt) = try await attestation.challenge()
            return HTTPBody.response(
                ["nonce": .string(nonce), "expires_at": .string(RFC3339.format(expiresAt))], status: .created)
        }
        router.post("/v1/attest") { request, context in
            try await pooled(context, body: request, limit: limit) { bytes in
                let body = try AttestRequest(json: try HTTPBody.json(bytes), enabledTEEs: enabledTEEs)
                let result = try await attestation.attest(body, client: context.clientAddress)
                var response: [String: JSONValue] = [
                    "status": .string(result.outcome.status.rawValue),
                    "trust_vector": result.outcome.appraisal.vector.json, "failures": .array([]),
                    "reasons": .array(result.outcome.reasons.map(\.json)), "audit_id": .integer(result.auditID),
                ]
                if !result.outcome.parts.isEmpty {
                    response["parts"] = .object(
                        Dictionary(uniqueKeysWithValues: result.outcome.parts.map { ($0.name, JSONValue.string($0.appraisal.status.rawValue)) }))
                }
                if let token = result.outcome.token { response["token"] = .string(token) }
                return HTTPBody.response(.object(response))
            }
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
            _ = try await audit.auditRecords(after: Int64.max, limit: 1)
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

    func addPluginRoutes(to router: Router<AssayRequestContext>) {
        for route in pluginRoutes {
            let limit = min(configuration.maxBodyBytes, route.maxBodyBytes)
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await pooled(context, body: request, limit: limit) { body in
                    var parameters: [String: String] = [:]
                    for name in route.parameterNames { parameters[name] = context.parameters.get(name) }
                    let answer = try await route.handler(
                        PluginRoute.Request(body: body, parameters: parameters, client: context.clientAddress))
                    return HTTPBody.response(answer, status: route.status)
                }
            }
        }
    }

    /// The admin named by ``AdminAuthMiddleware``.
    static func actor(_ context: AssayRequestContext) throws -> AdminActor {
        guard let actor = context.admin else { throw Problem.unauthorized }
        return actor
    }

    /// The `version` query parameter, if any.
    static func version(_ request: Request) throws -> Int? {
        try integer(request, "version", in: 1...Int.max)
    }

    /// An integer query parameter in `range`, if given; anything else is a 400 naming it.
    static func integer(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        let values = request.uri.queryParameters.getAll(name)
        guard let text = values.first else { return nil }
        guard values.count == 1, let value = Int(text), range.contains(value) else {
            throw Problem.invalidRequest("\(name) must be one integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A JSON object's members, or a 400 naming what is expected.
    static func text(_ bytes: [UInt8], what: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self), !text.isEmpty else {
            throw Problem.invalidRequest("the \(what) must be non-empty UTF-8 text")
        }
        return text
    }
}
