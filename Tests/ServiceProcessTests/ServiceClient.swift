import AsyncHTTPClient
import AttestationCore
import Foundation
import NIOCore
import NIOHTTP1
import SampleTEE

/// Talks to a served process the way attesters and operators do.
struct ServiceClient {
    static let adminToken = "process-admin-token-0123456789abcdef"
    let baseURL: String

    /// Writes ``adminToken`` to `admin.token` in `directory`, readable by its owner only, and returns the file's path
    /// (what `--admin-token-file` takes).
    static func adminTokenFile(in directory: URL) -> String {
        let path = directory.appendingPathComponent("admin.token").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(adminToken.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    struct Answer: Sendable {
        let status: Int
        let json: JSONValue
    }

    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, admin: Bool = false) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        if admin { request.headers.add(name: "Authorization", value: "Bearer \(Self.adminToken)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 8 * 1024 * 1024)
        return Answer(status: Int(response.status.code), json: (try? JSONValue(parsing: Array(buffer: bytes))) ?? .null)
    }

    func nonce() async throws -> String {
        guard let nonce = try await send(.POST, "/v1/challenge").json["nonce"]?.stringValue else {
            throw CocoaError(.fileReadUnknown)
        }
        return nonce
    }
}

/// Sample TEE evidence bodies for `/v1/attest`.
struct SampleBodies {
    let attester: SampleAttester
    let measurement = WorkloadMeasurement.measure(bytes: Array("process test workload".utf8))

    init() throws { attester = try SampleAttester(issuer: try SampleDeviceIssuer.development) }

    func body(nonce: String) throws -> [UInt8] {
        let runtime = RuntimeData(json: ["nonce": .string(nonce)])
        let evidence = try attester.attest(measurement: measurement, runtimeData: runtime)
        let json: JSONValue = [
            "tee": "sample", "evidence": .string(Base64.encode(evidence)), "runtime_data": .string(Base64.encode(runtime.bytes)),
        ]
        return Array(json.compactText.utf8)
    }
}
