import ArgumentParser
import AttestationCore
import Attester
import Foundation
import LoadGeneration
import NIOPosix
import SampleTEE

/// `assay loadtest`: full challenge + attest round trips against a local service, bounded in time.
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Measure Sample-TEE challenge+attest round trips per second and their latency against a local service.",
        discussion: """
            Each worker (one keep-alive connection) loops: POST /v1/challenge, sign Sample TEE evidence over the \
            nonce, POST /v1/attest. The generator runs on its own event loop (--threads) so that it takes little \
            of the machine it measures. \
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

    @Option(help: "Event-loop threads the generator uses (it runs beside the service, so keep it small).")
    var threads: Int = 1

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard let url = URL(string: server), let host = url.host, ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
            throw ValidationError("--server must be a loopback URL (http://127.0.0.1:PORT); loadtest never targets other hosts")
        }
        guard url.scheme == "http", url.port != nil else {
            throw ValidationError("--server must be http://HOST:PORT: loadtest speaks plain HTTP/1.1 to an explicit port")
        }
        guard (1...3600).contains(duration) else { throw ValidationError("--duration must be 1-3600 seconds") }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be 1-1024") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1-64") }
    }

    func run() async throws {
        guard let url = URL(string: server), let host = url.host, let port = url.port else {
            throw CLIError.invalidArgument("--server must be http://HOST:PORT")
        }
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        let measurement = WorkloadMeasurement.measure(bytes: Array("loadtest workload".utf8))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let generator = LoadGenerator(
            host: host, port: port, connections: concurrency, group: group,
            evidence: { try attester.attest(measurement: measurement, runtimeData: $0) })
        let outcome: Result<(results: [LoadTestResult], seconds: Double), any Error>
        do {
            _ = try await generator.run(seconds: 2)
            let clock = ContinuousClock()
            let start = clock.now
            let results = try await generator.run(seconds: duration)
            outcome = .success((results, start.duration(to: clock.now).inSeconds))
        } catch {
            outcome = .failure(error)
        }
        try await group.shutdownGracefully()
        let (results, elapsed) = try outcome.get()
        report(results, elapsed: elapsed)
        if let failure = results.compactMap(\.firstError).first {
            FileHandle.standardError.write(Data("assay: round trips failed; the first: \(failure)\n".utf8))
            throw ExitStatus.rejected
        }
    }

    func report(_ results: [LoadTestResult], elapsed: Double) {
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
    }
}
