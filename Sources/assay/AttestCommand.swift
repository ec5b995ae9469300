import ArgumentParser
import AttestationCore
import Attester
import Foundation
import SampleTEE
import TPM

/// `assay attest`: produce evidence inside a TEE (the Sample TEE for development, or a TPM 2.0).
struct AttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Produce attestation evidence bound to runtime data.",
        discussion: """
            With --tee sample, measures --workload (SHA-384 of a file, or of a directory's files in path order) and \
            signs a Sample TEE report whose report data is SHA-512 of the --runtime-data file's exact bytes. The \
            Sample TEE is a software TEE for development: its signing root is public, so its results never claim \
            genuine hardware.

            With --tee tpm, creates an attestation key in the TPM at --tpm, quotes --pcr-selection with extraData = \
            SHA-256 of the --runtime-data file's exact bytes, and writes into the --out directory: quote.msg \
            (TPMS_ATTEST), quote.sig (TPMT_SIGNATURE), quote.pcrs (PCR values), ak.pub (TPM2B_PUBLIC), ek.crt (the EK \
            certificate from NV, when present), eventlog.bin (with --event-log, or the kernel's log for a device) and \
            evidence.json (all but the EK certificate as one go-attestation PlatformParameters document).

            Examples:
              echo '{"nonce":"n-0001"}' > rd.json
              assay attest --tee sample --workload ./app --runtime-data rd.json --out ev.bin
              assay attest --tee tpm --tpm swtpm:host=127.0.0.1,port=2321 --runtime-data rd.json --out tpm-evidence
              assay verify --tee tpm --evidence tpm-evidence/quote.msg --signature tpm-evidence/quote.sig \\
                --ak-public tpm-evidence/ak.pub --pcrs tpm-evidence/quote.pcrs --runtime-data rd.json
              assay verify --tee tpm --evidence tpm-evidence/evidence.json --runtime-data rd.json
            """
    )

    /// Where Linux exposes the firmware event log of the first TPM.
    static let kernelEventLog = "/sys/kernel/security/tpm0/binary_bios_measurements"

    @Option(help: "The TEE to attest with (sample, tpm).")
    var tee: TEEKind

    @Option(help: ArgumentHelp("Sample TEE: the workload to measure: a file or a directory.", valueName: "path"))
    var workload: String?

    @Option(
        name: .customLong("runtime-data"),
        help: ArgumentHelp("Runtime data to bind (a JSON object with at least a nonce).", valueName: "file"))
    var runtimeData: String

    @Option(
        help: ArgumentHelp(
            "Where to write the evidence: a file (or - for standard output) for sample, a directory for tpm.",
            valueName: "path"))
    var out: String

    @Option(help: "Sample TEE: evidence encoding: raw, hex or base64.")
    var encoding: EvidenceEncoding = .raw

    @Flag(help: "Sample TEE: mark the workload as running in debug mode (appraisal will contraindicate it).")
    var debug = false

    @Option(help: "Sample TEE: the workload's security version number.")
    var svn: UInt32 = 0

    @Option(
        name: .customLong("tpm"),
        help: ArgumentHelp("TPM: swtpm:host=H,port=N (control channel on N+1) or a device such as /dev/tpmrm0.", valueName: "address"))
    var tpmAddress: String?

    @Option(
        name: .customLong("pcr-selection"),
        help: ArgumentHelp("TPM: the PCRs to quote, in tpm2-tools syntax.", valueName: "banks"))
    var pcrSelection = "sha256:0-23"

    @Option(name: .customLong("ak-type"), help: "TPM: the attestation key: rsa2048 or ecc-p256.")
    var akType = "rsa2048"

    @Option(
        name: .customLong("event-log"),
        help: ArgumentHelp("TPM: an event log file to include (default for a device: the kernel's, if readable).", valueName: "file"))
    var eventLog: String?

    func validate() throws {
        switch tee {
        case .sample:
            guard workload != nil else { throw ValidationError("--tee sample needs --workload") }
            guard tpmAddress == nil, eventLog == nil else { throw ValidationError("--tpm and --event-log only apply to --tee tpm") }
        case .tpm:
            guard tpmAddress != nil else { throw ValidationError("--tee tpm needs --tpm (swtpm:host=H,port=N or /dev/tpmrm0)") }
            guard workload == nil else { throw ValidationError("--workload only applies to --tee sample") }
            guard ["rsa2048", "ecc-p256"].contains(akType) else { throw ValidationError("--ak-type must be rsa2048 or ecc-p256") }
        default:
            throw ValidationError("assay attest supports --tee sample and --tee tpm in this build (got '\(tee)')")
        }
    }

    func run() async throws {
        let runtime = try RuntimeData(
            bytes: try InputFiles.read(runtimeData, what: "runtime data", limit: RuntimeData.maxBytes))
        if tee == .tpm {
            try attestTPM(runtime)
            return
        }
        let measurement = try WorkloadMeasurement.measure(path: URL(fileURLWithPath: workload ?? "."))
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        let report = try attester.attest(measurement: measurement, runtimeData: runtime, debug: debug, svn: svn)
        try InputFiles.write(encoding.encode(report), to: out)
        if out != "-" {
            FileHandle.standardError.write(
                Data("wrote \(report.count)-byte Sample TEE report to \(out) (measurement \(Hex.encode(measurement)))\n".utf8))
        }
    }

    func attestTPM(_ runtime: RuntimeData) throws {
        let address = try TPMDeviceAddress(parsing: tpmAddress ?? "")
        let selection = try PCRSelectionList(parsing: pcrSelection)
        var log = try eventLog.map { try InputFiles.read($0, what: "event log", limit: TCGEventLog.maxBytes) }
        if log == nil, case .device = address, FileManager.default.isReadableFile(atPath: Self.kernelEventLog) {
            log = try InputFiles.read(Self.kernelEventLog, what: "event log", limit: TCGEventLog.maxBytes)
        }
        let attester = TPMAttester(client: try TPMClient.connect(address))
        let template = akType == "ecc-p256" ? TPMKeyTemplate.attestationECCP256 : TPMKeyTemplate.attestationRSA2048()
        let key = try attester.createAttestationKey(template: template)
        let evidence = try attester.quote(runtimeData: runtime, selection: selection, with: key, eventLog: log)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CLIError.unwritable(path: out, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        for (name, bytes) in evidence.files.sorted(by: { $0.key < $1.key }) {
            try InputFiles.write(bytes, to: (out as NSString).appendingPathComponent(name))
        }
        FileHandle.standardError.write(
            Data(
                "wrote a TPM quote of \(selection.text) by a \(evidence.akPublic.keyDescription) AK to \(out) (\(evidence.files.keys.sorted().joined(separator: ", ")))\n"
                    .utf8))
    }
}
