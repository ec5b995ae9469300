import ArgumentParser
import AsyncHTTPClient
import AttestationCore
import Attester
import Foundation
import SampleTEE

/// `assay loadtest`: full challenge + attest round trips against a local service, bounded in time.
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Measure Sample-TEE challenge+attest round trips per second and their latency against a local service.",
        discussion: """
            Each worker loops: POST /v1/challenge, sign Sample TEE evidence over the nonce, POST /v1/attest. \
            Reports round trips per second, p50/p90/p99/max latency of a round trip, and errors. Loopback only, \
            so it cannot be pointed at a production service by mistake. Build both sides in release mode:
              swift build -c release && .build/release/assay serve --port 8080 &
              .build/release/assay loadtest --server http://127.0.0.1:8080 --duration 15 --concurrency 16
            """
    )

    @Option(help: ArgumentHelp("The service (a loopback URL).", valueName: "url"))
    var server: String

    @Option(help: "Seconds to run (after a 2 s warm-up).")
    var duration: Double = 10

    @Option(help: "Concurrent workers (connections).")
    var concurrency: Int = 16

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard let host = URL(string: server)?.host, ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
            throw ValidationError("--server must be a loopback URL (http://127.0.0.1:PORT); loadtest never targets other hosts")
        }
        guard (1...3600).contains(duration) else { throw ValidationError("--duration must be 1-3600 seconds") }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be 1-1024") }
    }

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = concurrency
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            try await measure(HTTPClient: http)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    func measure(HTTPClient http: HTTPClient) async throws {
        let client = AssayClient(baseURL: server, client: http)
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        let measurement = WorkloadMeasurement.measure(bytes: Array("loadtest workload".utf8))

        _ = try await Self.drive(client: client, attester: attester, measurement: measurement, workers: concurrency, seconds: 2)
        let clock = ContinuousClock()
        let start = clock.now
        let results = try await Self.drive(
            client: client, attester: attester, measurement: measurement, workers: concurrency, seconds: duration)
        let elapsed = Self.seconds(start.duration(to: clock.now))
        let latencies = results.flatMap(\.latencies).sorted()
        let errors = results.reduce(0) { $0 + $1.errors }
        let rate = Double(latencies.count) / elapsed
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 1000
        }
        let summary: JSONValue = [
            "round_trips": .integer(Int64(latencies.count)), "errors": .integer(Int64(errors)),
            "seconds": .double(elapsed), "round_trips_per_second": .double(rate.rounded()),
            "concurrency": .integer(Int64(concurrency)),
            "latency_ms": ["p50": .double(percentile(0.5)), "p90": .double(percentile(0.9)),
                           "p99": .double(percentile(0.99)), "max": .double((latencies.last ?? 0) * 1000)],
        ]
        switch format {
        case .json: print(summary.prettyText)
        case .text:
            print(String(
                format: "%d round trips in %.1f s with %d workers: %.0f round trips/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d errors",
                latencies.count, elapsed, concurrency, rate, percentile(0.5), percentile(0.9), percentile(0.99),
                (latencies.last ?? 0) * 1000, errors))
        }
        if errors > 0 { throw ExitStatus.rejected }
    }

    struct WorkerResult: Sendable {
        var latencies: [Double] = []
        var errors = 0
    }

    static func drive(client: AssayClient, attester: SampleAttester, measurement: [UInt8], workers: Int, seconds: Double)
        async throws -> [WorkerResult]
    {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        return try await withThrowingTaskGroup(of: WorkerResult.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var result = WorkerResult()
                    result.latencies.reserveCapacity(Int(seconds * 1000))
                    while clock.now < deadline {
                        let start = clock.now
                        do {
                            let nonce = try await client.challenge()
                            let runtime = RuntimeData(json: ["nonce": .string(nonce)])
                            let evidence = try attester.attest(measurement: measurement, runtimeData: runtime)
                            let answer = try await client.attest(tee: .sample, evidence: evidence, runtimeData: runtime.bytes)
                            guard answer["token"]?.stringValue != nil else { throw CLIError.invalidArgument("no token") }
                            result.latencies.append(Self.seconds(start.duration(to: clock.now)))
                        } catch {
                            result.errors += 1
                        }
                    }
                    return result
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
