import ArgumentParser
import AttestationCore
import Foundation
import SampleTEE

/// `assay attest`: produce evidence inside a TEE (the Sample TEE for development).
struct AttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Produce attestation evidence bound to runtime data.",
        discussion: """
            With --tee sample, measures --workload (SHA-384 of a file, or of a directory's files in path order) and \
            signs a Sample TEE report whose report data is SHA-512 of the --runtime-data file's exact bytes. The \
            Sample TEE is a software TEE for development: its signing root is public, so its results never claim \
            genuine hardware.

            Example:
              echo '{"nonce":"n-0001"}' > rd.json
              assay attest --tee sample --workload ./app --runtime-data rd.json --out ev.bin
            """
    )

    @Option(help: "The TEE to attest with (sample).")
    var tee: TEEKind

    @Option(help: ArgumentHelp("The workload to measure: a file or a directory.", valueName: "path"))
    var workload: String

    @Option(
        name: .customLong("runtime-data"),
        help: ArgumentHelp("Runtime data to bind (a JSON object with at least a nonce).", valueName: "file"))
    var runtimeData: String

    @Option(help: ArgumentHelp("Where to write the evidence, or - for standard output.", valueName: "file"))
    var out: String

    @Option(help: "Evidence encoding: raw, hex or base64.")
    var encoding: EvidenceEncoding = .raw

    @Flag(help: "Mark the workload as running in debug mode (appraisal will contraindicate it).")
    var debug = false

    @Option(help: "The workload's security version number.")
    var svn: UInt32 = 0

    func validate() throws {
        guard tee == .sample else {
            throw ValidationError("assay attest supports --tee sample in this build (got '\(tee)')")
        }
    }

    func run() async throws {
        let runtime = try RuntimeData(
            bytes: try InputFiles.read(runtimeData, what: "runtime data", limit: RuntimeData.maxBytes))
        let measurement = try WorkloadMeasurement.measure(path: URL(fileURLWithPath: workload))
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        let report = try attester.attest(measurement: measurement, runtimeData: runtime, debug: debug, svn: svn)
        try InputFiles.write(encoding.encode(report), to: out)
        if out != "-" {
            FileHandle.standardError.write(
                Data("wrote \(report.count)-byte Sample TEE report to \(out) (measurement \(Hex.encode(measurement)))\n".utf8))
        }
    }
}

