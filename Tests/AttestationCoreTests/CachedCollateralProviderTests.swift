import Foundation
import Testing
@testable import AttestationCore

/// A scripted upstream that counts its calls.
final class ScriptedUpstream: CollateralProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var _calls = 0
    var failing = false
    var body: [UInt8] = [1, 2, 3]

    var calls: Int { lock.withLock { _calls } }

    func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
        lock.withLock { _calls += 1 }
        if failing { throw AttestationCoreError.collateralUnavailable(url: request.url, reason: "vendor down") }
        return CollateralResponse(body: body, headers: ["x-test": "1"])
    }
}

/// A clock tests can move.
final class MovableClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    init(_ instant: Date) { self.instant = instant }
    func now() -> Date { lock.withLock { instant } }
    func advance(_ seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

@Suite struct CachedCollateralProviderTests {
    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("assay-cache-\(UUID().uuidString)")
    }

    @Test func servesFreshEntriesWithoutAskingUpstream() async throws {
        let upstream = ScriptedUpstream()
        let clock = MovableClock(Date(timeIntervalSince1970: 1_700_000_000))
        let cache = CachedCollateralProvider(upstream: upstream, directory: temporaryDirectory(), maxAge: 60, clock: clock)
        let request = CollateralRequest(url: "https://kds.example/vcek/v1/Milan/abc")
        #expect(try await cache.fetch(request).body == [1, 2, 3])
        #expect(try await cache.fetch(request).headers == ["x-test": "1"])
        #expect(upstream.calls == 1)
        clock.advance(120)
        upstream.body = [4]
        #expect(try await cache.fetch(request).body == [4])
        #expect(upstream.calls == 2)
    }

    @Test func fallsBackToStaleEntriesWhenTheVendorIsDown() async throws {
        let upstream = ScriptedUpstream()
        let clock = MovableClock(Date(timeIntervalSince1970: 1_700_000_000))
        let cache = CachedCollateralProvider(upstream: upstream, directory: temporaryDirectory(), maxAge: 60, clock: clock)
        let request = CollateralRequest(url: "https://pcs.example/tcb?fmspc=00906ed50000")
        _ = try await cache.fetch(request)
        clock.advance(3600)
        upstream.failing = true
        #expect(try await cache.fetch(request).body == [1, 2, 3])
        await #expect(throws: AttestationCoreError.self) {
            try await cache.fetch(CollateralRequest(url: "https://pcs.example/other"))
        }
    }

    @Test func offlineCacheServesImportedDocuments() async throws {
        let directory = temporaryDirectory()
        let cache = CachedCollateralProvider(upstream: nil, directory: directory)
        let request = CollateralRequest(url: "https://kds.example/crl")
        await #expect(throws: AttestationCoreError.self) { try await cache.fetch(request) }
        try cache.store(CollateralResponse(body: [9]), for: request.url)
        #expect(try await cache.fetch(request).body == [9])
    }
}
