import AssayTestSupport
import AttestationCore
import Foundation
import Testing
import Tokens

/// `assay loadtest` against a real `assay serve`: bounded in time, every round trip attested, and failures reported
/// rather than counted as throughput.
@Suite struct LoadTestProcessTests {
    @Test func loadRunAttestsAndReportsLatency() async throws {
        let directory = try AssayProcess.scratch()
        let server = try ServeProcess(
            arguments: ["--database", "sqlite:\(directory.appendingPathComponent("load.sqlite").path)"],
            environment: ["ASSAY_ADMIN_TOKEN": ServiceClient.adminToken, "ASSAY_KEK": KeyEncryptionKey.generate().fileContents],
            directory: directory)
        try await server.waitUntilHealthy()
        defer { server.terminate() }

        let clock = ContinuousClock()
        let started = clock.now
        let run = try AssayProcess.run(
            ["loadtest", "--server", server.baseURL, "--duration", "1", "--concurrency", "3", "--format", "json"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(started.duration(to: clock.now) < .seconds(30), "a 1 s load run (after a 2 s warm-up) must end on time")
        let summary = try JSONValue(parsing: Array(run.stdout.utf8))
        #expect((summary["round_trips"]?.integerValue ?? 0) > 0)
        #expect(summary["errors"]?.integerValue == 0)
        let latency = summary["latency_ms"]?.objectValue ?? [:]
        guard case .double(let p50) = latency["p50"], case .double(let p99) = latency["p99"] else {
            Issue.record("no latency percentiles in \(run.stdout)")
            return
        }
        #expect(p50 > 0 && p99 >= p50)

        // Every counted round trip is an affirmed attestation the service audited (warm-up round trips add more).
        let audit = try await ServiceClient(baseURL: server.baseURL).send(.GET, "/v1/audit?limit=1000", admin: true)
        let records = audit.json["records"]?.arrayValue ?? []
        #expect(records.count >= min(1000, Int(summary["round_trips"]?.integerValue ?? 0)))
        #expect(records.allSatisfy { !["rejected", "malformed"].contains($0["outcome"]?.stringValue ?? "rejected") })
    }

    @Test func unreachableServiceFailsWithTheCause() throws {
        let directory = try AssayProcess.scratch()
        // Port 9 (discard) is closed on loopback in the test environment: connecting is refused.
        let run = try AssayProcess.run(["loadtest", "--server", "http://127.0.0.1:9", "--duration", "1"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot connect to 127.0.0.1:9"), "\(run.stderr)")
    }

    @Test func refusesNonLoopbackTargets() throws {
        let directory = try AssayProcess.scratch()
        let run = try AssayProcess.run(["loadtest", "--server", "http://example.com:8080"], in: directory)
        #expect(run.status == 64 || run.status == 2)
        #expect(run.stderr.contains("loopback"), "\(run.stderr)")
    }
}
