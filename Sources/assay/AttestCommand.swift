import ArgumentParser
import AttestationCore
import Attester
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

            With --tee tdx (inside an Intel TDX guest), asks for a DCAP quote whose report data is SHA-512 of the \
            --runtime-data file, through configfs-tsm (/sys/kernel/config/tsm/report, provider tdx_guest, Linux 6.7+) \
            or, on older kernels, the /dev/tdx_guest ioctl; --event-log-out and --ccel-table-out also save the CC \
            event log (ACPI CCEL) for RTMR replay by 'assay verify --event-log … --ccel-table …'.

            Examples:
              echo '{"nonce":"n-0001"}' > rd.json
              assay attest --tee sample --workload ./app --runtime-data rd.json --out ev.bin
              assay attest --tee tdx --runtime-data rd.json --out quote.bin --event-log-out ccel.bin --ccel-table-out ccel-table.bin
            """
    )

    @Option(help: "The TEE to attest with (sample, tdx).")
    var tee: TEEKind

    @Option(help: ArgumentHelp("Sample TEE: the workload to measure, a file or a directory.", valueName: "path"))
    var workload: String?

    @Option(
        name: .customLong("event-log-out"),
        help: ArgumentHelp("TDX: also write the CC event log (ACPI CCEL data) here.", valueName: "file"))
    var eventLogOut: String?

    @Option(
        name: .customLong("ccel-table-out"),
        help: ArgumentHelp("TDX: also write the ACPI CCEL table here.", valueName: "file"))
    var ccelTableOut: String?

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
        guard tee == .sample || tee == .tdx else {
            throw ValidationError("assay attest supports --tee sample and --tee tdx in this build (got '\(tee)')")
        }
        if tee == .sample, workload == nil { throw ValidationError("--tee sample needs --workload") }
        if tee != .tdx, eventLogOut != nil || ccelTableOut != nil {
            throw ValidationError("--event-log-out and --ccel-table-out apply to --tee tdx")
        }
    }

    func run() async throws {
        let runtime = try RuntimeData(
            bytes: try InputFiles.read(runtimeData, what: "runtime data", limit: RuntimeData.maxBytes))
        if tee == .tdx { return try attestTDX(runtime) }
        guard let workload else { throw ValidationError("--tee sample needs --workload") }
        let measurement = try WorkloadMeasurement.measure(path: URL(fileURLWithPath: workload))
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        let report = try attester.attest(measurement: measurement, runtimeData: runtime, debug: debug, svn: svn)
        try InputFiles.write(encoding.encode(report), to: out)
        if out != "-" {
            FileHandle.standardError.write(
                Data("wrote \(report.count)-byte Sample TEE report to \(out) (measurement \(Hex.encode(measurement)))\n".utf8))
        }
    }

    /// A TDX quote over SHA-512 of the runtime data, and the event log when asked for.
    func attestTDX(_ runtime: RuntimeData) throws {
        let attester = TDXAttester()
        let quote = try attester.quote(reportData: runtime.reportData(for: .sha512))
        try InputFiles.write(encoding.encode(quote), to: out)
        if eventLogOut != nil || ccelTableOut != nil {
            guard let log = try attester.eventLog() else {
                throw CLIError.invalidArgument("this TD publishes no CCEL event log (\(attester.acpiTables.path)/CCEL is absent)")
            }
            if let eventLogOut { try InputFiles.write(log.log, to: eventLogOut) }
            if let ccelTableOut { try InputFiles.write(log.table, to: ccelTableOut) }
        }
        if out != "-" {
            FileHandle.standardError.write(Data("wrote \(quote.count)-byte TDX quote to \(out)\n".utf8))
        }
    }
}
