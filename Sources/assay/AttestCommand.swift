import ArgumentParser
import AttestationCore
import Attester
import Foundation
import SEVSNP
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

            With --tee snp (inside an AMD SEV-SNP guest), requests an attestation report whose REPORT_DATA is \
            SHA-512 of the --runtime-data file, through configfs-tsm (/sys/kernel/config/tsm/report, Linux 6.7+) or \
            else /dev/sev-guest, and writes the report followed by the certificate table the host supplies (VCEK, \
            ASK, ARK), which 'assay verify --tee snp' reads directly.

            Examples:
              echo '{"nonce":"n-0001"}' > rd.json
              assay attest --tee sample --workload ./app --runtime-data rd.json --out ev.bin
              assay attest --tee snp --runtime-data rd.json --out ev.bin
            """
    )

    @Option(help: "The TEE to attest with (sample, snp).")
    var tee: TEEKind

    @Option(help: ArgumentHelp("The workload to measure: a file or a directory (Sample TEE).", valueName: "path"))
    var workload: String?

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

    @Option(help: "The workload's security version number (Sample TEE).")
    var svn: UInt32 = 0

    @Option(help: "The VMPL to request the report at (SEV-SNP, 0-3).")
    var vmpl: Int = 0

    func validate() throws {
        switch tee {
        case .sample:
            guard workload != nil else { throw ValidationError("--tee sample needs --workload") }
        case .snp:
            guard (0...3).contains(vmpl) else { throw ValidationError("--vmpl must be 0, 1, 2 or 3") }
        default:
            throw ValidationError("assay attest supports --tee sample and --tee snp in this build (got '\(tee)')")
        }
    }

    func run() async throws {
        let runtime = try RuntimeData(
            bytes: try InputFiles.read(runtimeData, what: "runtime data", limit: RuntimeData.maxBytes))
        if tee == .snp { return try attestSNP(runtime) }
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
}

extension AttestCommand {
    /// Collects an SEV-SNP report over SHA-512 of the runtime data and writes report + certificate table.
    func attestSNP(_ runtime: RuntimeData) throws {
        let evidence = try SNPAttester().attest(reportData: runtime.reportData(for: .sha512), vmpl: vmpl)
        let parsed = try SNPEvidence(parsing: Evidence(tee: .snp, bytes: evidence))
        try InputFiles.write(encoding.encode(evidence), to: out)
        if out != "-" {
            FileHandle.standardError.write(
                Data(
                    "wrote SEV-SNP report v\(parsed.report.version) with \(parsed.certificates.entries.count) certificates to \(out) (measurement \(Hex.encode(parsed.report.measurement)))\n"
                        .utf8))
        }
    }
}
