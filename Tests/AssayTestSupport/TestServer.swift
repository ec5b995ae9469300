import AsyncHTTPClient
public import AttestationCore
import Appraisal
public import Foundation
import Testing
import Logging
import NIOCore
public import NIOHTTP1
import SampleTEE
import ServiceLifecycle
public import Server
import Tokens

/// A clock tests can move.
public final class TestClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    public init(_ instant: Date = Date()) { self.instant = instant }
    public func now() -> Date { lock.withLock { instant } }
    public func advance(_ seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

/// An in-process `assay serve` on a free loopback port with its own SQLite file; the Sample TEE is enabled unless a
/// test's configuration says otherwise.
public struct TestServer: Sendable {
    public static let adminToken = "test-admin-token-0123456789abcdef"

    public let baseURL: String
    public let server: AssayServer

    public static func configuration(database: String? = nil, maxBodyBytes: Int = 64 * 1024) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.database = .sqlite(
            path: database ?? FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path)
        configuration.adminToken = adminToken
        configuration.keyEncryptionKey = KeyEncryptionKey.generate().fileContents
        configuration.maxBodyBytes = maxBodyBytes
        configuration.nonceLifetime = 60
        configuration.enabledDevelopmentTEEs = ["sample"]
        return configuration
    }

    /// Runs `body` against a running server, then shuts it down.
    public static func with(
        _ configuration: ServerConfiguration? = nil, clock: any TimeSource = SystemTimeSource(),
        verifiers: [any EvidenceVerifier] = [SampleVerifier()], plugins: [any ServicePlugin] = [],
        _ body: (TestServer) async throws -> Void
    ) async throws {
        var logger = Logger(label: "assay-test")
        logger.logLevel = .warning
        let server = try await AssayServer(
            configuration: try configuration ?? Self.configuration(), verifiers: verifiers, plugins: plugins,
            policy: try RegoAppraisalPolicy.standard(), clock: clock, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = try server.application(onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
        })
        let services = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let next = await iterator.next()
            let port = try #require(next, "the server stopped before it listened")
            do {
                try await body(TestServer(baseURL: "http://127.0.0.1:\(port)", server: server))
            } catch {
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                server.close()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
        server.close()
    }

    /// One HTTP exchange.
    public struct Exchange: Sendable {
        public let status: Int
        public let headers: HTTPHeaders
        public let body: [UInt8]
        public var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
    }

    public func request(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, admin: Bool = false, token: String? = nil,
        contentType: String = "application/json"
    ) async throws -> Exchange {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            request.headers.add(name: "Content-Type", value: contentType)
        }
        if admin || token != nil { request.headers.add(name: "Authorization", value: "Bearer \(token ?? Self.adminToken)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Exchange(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
    }

    public func json(_ method: HTTPMethod, _ path: String, _ json: JSONValue, admin: Bool = false) async throws -> Exchange {
        try await request(method, path, body: Array(json.compactText.utf8), admin: admin)
    }
}

/// Produces Sample TEE evidence for a nonce, as an attester inside the workload would.
public struct SampleWorkload: Sendable {
    public let attester: SampleAttester
    public let measurement: [UInt8]

    /// A workload whose device certificate is valid from `clock`'s now: give it the server's clock when the test
    /// moves that clock, or a slow run makes the certificate younger than the server's instant.
    public init(code: String = "workload v1", clock: any TimeSource = SystemTimeSource()) throws {
        attester = try SampleAttester(issuer: try SampleDeviceIssuer.development, clock: clock)
        measurement = WorkloadMeasurement.measure(bytes: Array(code.utf8))
    }

    /// The `/v1/attest` body for a nonce; `audience` asks for a token with that `aud`.
    public func attestBody(
        nonce: String, extra: [String: JSONValue] = [:], tamper: Bool = false, audience: String? = nil
    ) throws -> JSONValue {
        var members = extra
        members["nonce"] = .string(nonce)
        let runtime = RuntimeData(json: members)
        var evidence = try attester.attest(measurement: measurement, runtimeData: runtime)
        if tamper { evidence[0x20] ^= 0x01 }
        var body: [String: JSONValue] = [
            "tee": "sample", "evidence": .string(Base64.encode(evidence)), "runtime_data": .string(Base64.encode(runtime.bytes)),
        ]
        if let audience { body["audience"] = .string(audience) }
        return .object(body)
    }
}
