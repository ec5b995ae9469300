import ArgumentParser
import Benchmarks
import Foundation

/// `assay bench`: measure verification throughput on one core against its cryptographic floor.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure verifications per second on one core, as a ratio of the raw signature checks they need.",
        discussion: """
            Build in release mode for meaningful numbers:
              swift run -c release assay bench --suite sample
            Suites that use real vectors read them from $ASSAY_VECTORS (default ../shared/vectors).
            Suites: \(Registry.benchmarkNames)
            """
    )

    @Option(help: "The suite to run (\(Registry.benchmarkNames)).")
    var suite: String

    @Option(help: "Seconds to run each case.")
    var seconds: Double = 3

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
    }

    func run() async throws {
        guard let make = Registry.benchmarks[suite] else {
            throw CLIError.invalidArgument("no benchmark suite '\(suite)'; available: \(Registry.benchmarkNames)")
        }
        let benchmark = try make()
        let results = try await benchmark.run(seconds: seconds)
        guard let baseline = results.first?.rate, baseline > 0 else { return }
        switch format {
        case .text:
            print("\(benchmark.summary) (\(seconds) s per case, one core)")
            for result in results {
                let ratio = String(format: "%.1f%%", 100 * result.rate / baseline)
                print("  \(result.name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(String(format: "%10.0f", result.rate)) /s  \(ratio) of baseline")
            }
        case .json:
            print("{\"suite\":\"\(benchmark.name)\",\"results\":[" + results.map {
                "{\"name\":\"\($0.name)\",\"per_second\":\(Int($0.rate)),\"ratio_to_baseline\":\(String(format: "%.4f", $0.rate / baseline))}"
            }.joined(separator: ",") + "]}")
        }
    }
}
