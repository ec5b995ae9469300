public import AsyncHTTPClient
public import AttestationCore
import NIOCore
public import NIOHTTP1

/// The Assay API as the attester (and relying parties) use it: challenge, attest, JWKS.
public struct AssayClient: Sendable {
    /// Largest response read.
    public static let maxResponseBytes = 4 * 1024 * 1024

    /// The service's base URL, e.g. `http://127.0.0.1:8080`.
    public let baseURL: String
    /// The HTTP client.
    public let client: HTTPClient
    /// Per-request timeout.
    public let timeoutSeconds: Int64

    public init(baseURL: String, client: HTTPClient = .shared, timeoutSeconds: Int64 = 30) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.timeoutSeconds = timeoutSeconds
    }

    /// `POST /v1/challenge`: a fresh nonce.
    public func challenge() async throws -> String {
        let response = try await send(.POST, "/v1/challenge", body: nil)
        guard let nonce = response["nonce"]?.stringValue else {
            throw AttesterError.transport(url: baseURL + "/v1/challenge", reason: "no nonce in the response")
        }
        return nonce
    }

    /// `POST /v1/attest`: the service's answer (`token`, `status`, `trust_vector`, `failures`, `reasons`);
    /// `audience` asks for a token addressed to that relying party (the service's issuer, for key release).
    public func attest(
        tee: TEEKind, evidence: [UInt8], runtimeData: [UInt8], collateral: [[UInt8]] = [], audience: String? = nil,
        companions: [Evidence] = []
    ) async throws -> JSONValue {
        try await send(
            .POST, "/v1/attest",
            body: Self.attestBody(
                tee: tee, evidence: evidence, runtimeData: runtimeData, collateral: collateral, audience: audience,
                companions: companions))
    }

    /// The JSON body of `POST /v1/attest`.
    public static func attestBody(
        tee: TEEKind, evidence: [UInt8], runtimeData: [UInt8], collateral: [[UInt8]] = [], audience: String? = nil,
        companions: [Evidence] = []
    ) -> JSONValue {
        var body: [String: JSONValue] = [
            "tee": .string(tee.rawValue), "evidence": .string(Base64.encode(evidence)),
            "runtime_data": .string(Base64.encode(runtimeData)),
        ]
        if !collateral.isEmpty { body["collateral"] = .array(collateral.map { .string(Base64.encode($0)) }) }
        if let audience { body["audience"] = .string(audience) }
        if !companions.isEmpty {
            body["companions"] = .array(
                companions.map { .object(["tee": .string($0.tee.rawValue), "evidence": .string(Base64.encode($0.bytes))]) })
        }
        return .object(body)
    }

    /// The service's issuer, from `GET /.well-known/openid-configuration`.
    public func issuer() async throws -> String {
        guard let issuer = try await send(.GET, "/.well-known/openid-configuration", body: nil)["issuer"]?.stringValue else {
            throw AttesterError.transport(url: baseURL + "/.well-known/openid-configuration", reason: "no issuer in the document")
        }
        return issuer
    }

    /// `POST /v1/secrets/{path}/release` with an attestation token: the sealed release document.
    public func release(path: String, token: String) async throws -> JSONValue {
        try await send(.POST, "/v1/secrets/\(path)/release", body: nil, headers: [("Authorization", "Bearer \(token)")])
    }

    /// `GET /.well-known/jwks.json`.
    public func jwks() async throws -> JSONValue {
        try await send(.GET, "/.well-known/jwks.json", body: nil)
    }

    /// Sends a JSON request; a problem+json answer becomes ``AttesterError/service(status:type:detail:)``, an
    /// empty success (204) is `null`.
    public func send(_ method: HTTPMethod, _ path: String, body: JSONValue?, headers: [(String, String)] = [])
        async throws -> JSONValue
    {
        try await send(method, path, bytes: body?.compactBytes, contentType: "application/json", headers: headers)
    }

    /// Sends a request with a raw body (a secret value, a policy text).
    public func send(
        _ method: HTTPMethod, _ path: String, bytes body: [UInt8]?, contentType: String, headers: [(String, String)] = []
    ) async throws -> JSONValue {
        let url = baseURL + path
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let bytes: [UInt8]
        let status: Int
        do {
            let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
            status = Int(response.status.code)
            bytes = Array(buffer: try await response.body.collect(upTo: Self.maxResponseBytes))
        } catch {
            throw AttesterError.transport(url: url, reason: "\(error)")
        }
        let json = try? JSONValue(parsing: bytes)
        guard (200..<300).contains(status) else {
            throw AttesterError.service(
                status: status, type: json?["type"]?.stringValue ?? "about:blank",
                detail: json?["detail"]?.stringValue ?? String(decoding: bytes.prefix(512), as: UTF8.self))
        }
        if bytes.isEmpty, status == 204 { return .null }
        guard let json else {
            throw AttesterError.transport(url: url, reason: "the response is not JSON")
        }
        return json
    }
}
