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

    /// `POST /v1/attest`: the service's answer (`token`, `status`, `trust_vector`, `failures`, `reasons`).
    public func attest(tee: TEEKind, evidence: [UInt8], runtimeData: [UInt8], collateral: [[UInt8]] = []) async throws
        -> JSONValue
    {
        var body: [String: JSONValue] = [
            "tee": .string(tee.rawValue), "evidence": .string(Base64.encode(evidence)),
            "runtime_data": .string(Base64.encode(runtimeData)),
        ]
        if !collateral.isEmpty { body["collateral"] = .array(collateral.map { .string(Base64.encode($0)) }) }
        return try await send(.POST, "/v1/attest", body: .object(body))
    }

    /// `GET /.well-known/jwks.json`.
    public func jwks() async throws -> JSONValue {
        try await send(.GET, "/.well-known/jwks.json", body: nil)
    }

    /// Sends a request; a problem+json answer becomes ``AttesterError/service(status:type:detail:)``.
    public func send(_ method: HTTPMethod, _ path: String, body: JSONValue?, headers: [(String, String)] = [])
        async throws -> JSONValue
    {
        let url = baseURL + path
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.compactBytes))
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
        guard let json else {
            throw AttesterError.transport(url: url, reason: "the response is not JSON")
        }
        return json
    }
}
