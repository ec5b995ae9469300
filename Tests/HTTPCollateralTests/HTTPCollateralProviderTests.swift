import AttestationCore
import Foundation
import HTTPCollateral
import Testing

/// A throwaway `python3 -m http.server` on a free loopback port.
final class StaticHTTPServer {
    let process = Process()
    let port: Int
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = Int.random(in: 20000..<60000)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func waitUntilReady() async throws {
        for _ in 0..<100 {
            if (try? await HTTPCollateralProvider().fetch(CollateralRequest(url: "http://127.0.0.1:\(port)/"))) != nil { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        Issue.record("python3 http.server did not start")
    }

    deinit { process.terminate() }
}

@Suite struct HTTPCollateralProviderTests {
    @Test func fetchesBoundsAndReportsFailures() async throws {
        let server = try StaticHTTPServer()
        try await server.waitUntilReady()
        try Data([1, 2, 3, 4]).write(to: server.directory.appendingPathComponent("vcek.der"))
        let provider = HTTPCollateralProvider()
        let base = "http://127.0.0.1:\(server.port)"
        #expect(try await provider.fetch(CollateralRequest(url: "\(base)/vcek.der")).body == [1, 2, 3, 4])
        await #expect(throws: AttestationCoreError.self) {
            try await provider.fetch(CollateralRequest(url: "\(base)/missing"))
        }
        await #expect(throws: AttestationCoreError.self) {
            try await provider.fetch(CollateralRequest(url: "\(base)/vcek.der", maxBytes: 2))
        }
    }

    @Test func unreachableVendorFallsBackToTheCache() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-cache-\(UUID().uuidString)")
        let url = "http://127.0.0.1:9/kds/vcek"
        let cache = CachedCollateralProvider(upstream: HTTPCollateralProvider(timeoutSeconds: 2), directory: directory, maxAge: 0)
        await #expect(throws: AttestationCoreError.self) { try await cache.fetch(CollateralRequest(url: url)) }
        try cache.store(CollateralResponse(body: [7]), for: url)
        #expect(try await cache.fetch(CollateralRequest(url: url)).body == [7])
    }
}
