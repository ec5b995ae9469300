public import AttestationCore
public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Fetches vendor collateral (AMD KDS, Intel PCS or a PCCS) over HTTP(S) with a timeout and a size bound.
///
/// Wrap it in ``CachedCollateralProvider`` so verification keeps working from the cache when the vendor is down.
public struct HTTPCollateralProvider: CollateralProvider {
    /// The HTTP client.
    public let client: HTTPClient
    /// How long one request may take.
    public let timeoutSeconds: Int64

    public init(client: HTTPClient = .shared, timeoutSeconds: Int64 = 15) {
        self.client = client
        self.timeoutSeconds = timeoutSeconds
    }

    public func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = .GET
        http.headers.add(name: "Accept", value: "*/*")
        if let body = request.body {
            http.method = .POST
            http.headers.add(name: "Content-Type", value: body.contentType)
            http.body = .bytes(ByteBuffer(bytes: body.bytes))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, timeout: .seconds(timeoutSeconds))
        } catch {
            throw AttestationCoreError.collateralUnavailable(url: request.url, reason: "request failed: \(error)")
        }
        guard response.status == .ok else {
            throw AttestationCoreError.collateralUnavailable(
                url: request.url, reason: "HTTP \(response.status.code) \(response.status.reasonPhrase)")
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: request.maxBytes)
        } catch {
            throw AttestationCoreError.collateralUnavailable(
                url: request.url, reason: "body larger than \(request.maxBytes) bytes or interrupted (\(error))")
        }
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return CollateralResponse(body: Array(buffer: body), headers: headers)
    }
}
