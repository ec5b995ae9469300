import ArgumentParser
import AttestationCore
import Attester
import AzureCVM
import Foundation
import NvidiaGPU
import SampleTEE
import SEVSNP
import TPM
import TPMDevice

/// `assay attest`: produce evidence inside a TEE, and optionally present it to an Assay service for a token.
struct AttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Produce attestation evidence bound to runtime data, or attest to a service and get a token.",
        discussion: """
            With --tee sample, measures --workload (SHA-384 of a file, or of a directory's files in path order) and \
            signs a Sample TEE report whose report data is SHA-512 of the runtime data's exact bytes. The Sample \
            TEE is a software TEE for development: its signing root is public, so its results never claim genuine \
            hardware.

            With --tee tpm, creates an attestation key in the TPM at --tpm, quotes --pcr-selection with extraData = \
            SHA-256 of the --runtime-data file's exact bytes, and writes into the --out directory: quote.msg \
            (TPMS_ATTEST), quote.sig (TPMT_SIGNATURE), quote.pcrs (PCR values), ak.pub (TPM2B_PUBLIC), ek.crt (the EK \
            certificate from NV, when present), eventlog.bin (with --event-log, or the kernel's log for a device) and \
            evidence.json (all but the EK certificate as one go-attestation PlatformParameters document). With \
            --server, first enrolls the new AK with the service (POST /v1/tpm/enrollments: the service checks the EK \
            certificate against its --tpm-ek-roots and answers a credential that TPM2_ActivateCredential under the \
            EK recovers), then quotes over the nonce and sends evidence.json to POST /v1/attest.

            With --tee snp (inside an AMD SEV-SNP guest), requests an attestation report whose REPORT_DATA is \
            SHA-512 of the runtime data, through configfs-tsm (/sys/kernel/config/tsm/report, Linux 6.7+) or else \
            /dev/sev-guest, and writes the report followed by the certificate table the host supplies (VCEK, ASK, \
            ARK), which 'assay verify --tee snp' reads directly.

            With --tee tdx (inside an Intel TDX guest), asks for a DCAP quote whose report data is SHA-512 of the \
            runtime data, through configfs-tsm (provider tdx_guest, Linux 6.7+) or, on older kernels, the \
            /dev/tdx_guest ioctl; --event-log-out and --ccel-table-out also save the CC event log (ACPI CCEL) for \
            RTMR replay by 'assay verify --tee tdx --event-log … --ccel-table …'.

            With --tee nitro (inside an AWS Nitro enclave), asks the Nitro Secure Module (/dev/nsm, or \
            $ASSAY_NSM_DEVICE) for an attestation document whose user_data is SHA-512 of the runtime data, with the \
            runtime data's nonce as nonce and its tee_pubkey as public_key when present, and writes the COSE_Sign1 \
            document that 'assay verify --tee nitro' and 'assay inspect --tee nitro' read.

            With --tee azure-snp or azure-tdx (inside an Azure confidential VM), writes SHA-512 of the runtime data \
            to vTPM NV index 0x01400002 (the HCL refreshes its report), reads the HCL report from 0x01400001, quotes \
            the SHA-256 PCRs with the HCL's attestation key (0x81000003) over SHA-256 of the runtime data and, on \
            TDX, gets the TD quote from the instance metadata service (--imds); writes Trustee's JSON evidence. \
            --tpm names the vTPM (default /dev/tpmrm0).

            With --tee snp+nvidia, tdx+nvidia (or sample+nvidia), also attests the GPUs (composite attestation): \
            NVIDIA's management library (libnvidia-ml.so.1, loaded at run time; $ASSAY_NVML_LIBRARY names another \
            path) asks every GPU in confidential-computing mode for an SPDM measurement report over the nonce \
            SHA-256 of the same runtime data, and the list (nvtrust's JSON) goes with the CPU evidence: offline to \
            --gpu-evidence-out, with --server as a companion in the same POST /v1/attest, where each GPU is appraised \
            as its own part (nvidia-gpu-0, …) and the status is the worst of all. --gpu-evidence FILE sends a list \
            collected elsewhere instead (it must be bound to the same runtime data, so a service refuses an old one).

            Offline: --runtime-data and --out are required; the evidence is written for 'assay verify'.
            With --server: gets a nonce from POST /v1/challenge, adds it to the runtime data (the members of \
            --runtime-data, if given), attests with POST /v1/attest and prints the token, status and trust vector. \
            Exit status 0 when a token was issued, 1 when the service rejected the evidence, 2 otherwise.

            Examples:
              assay attest --tee sample --workload ./app --runtime-data rd.json --out ev.bin
              assay attest --tee sample --workload ./app --server http://127.0.0.1:8080
              assay attest --tee snp --runtime-data rd.json --out ev.bin
              assay attest --tee tdx --runtime-data rd.json --out quote.bin --event-log-out ccel.bin --ccel-table-out ccel-table.bin
              assay attest --tee nitro --runtime-data rd.json --out doc.cbor
              assay attest --tee tpm --tpm swtpm:host=127.0.0.1,port=2321 --runtime-data rd.json --out tpm-evidence
              assay attest --tee tpm --tpm /dev/tpmrm0 --server http://127.0.0.1:8080
              assay verify --tee tpm --evidence tpm-evidence/evidence.json --runtime-data rd.json
              assay attest --tee azure-snp --runtime-data rd.json --out evidence.json
              assay attest --tee snp+nvidia --runtime-data rd.json --out ev.bin --gpu-evidence-out gpus.json
              assay verify --tee snp --evidence ev.bin --gpu-evidence gpus.json --runtime-data rd.json
              assay attest --tee tdx+nvidia --server https://verifier.example
            """
    )

    @Option(
        help: ArgumentHelp(
            "The TEE to attest with (sample, snp, tdx, tpm, nitro, azure-snp, azure-tdx); sample, snp or tdx followed "
                + "by +nvidia attests the GPUs too."))
    var tee: TEEKind

    @Option(
        name: .customLong("gpu-evidence"),
        help: ArgumentHelp("With +nvidia: send this GPU evidence list (nvtrust JSON) instead of asking NVML.", valueName: "file"))
    var gpuEvidence: String?

    @Option(
        name: .customLong("gpu-evidence-out"),
        help: ArgumentHelp("With +nvidia, offline: where to write the GPUs' evidence list.", valueName: "file"))
    var gpuEvidenceOut: String?

    /// The suffix that adds the GPUs to a CPU TEE.
    static let gpuSuffix = "+nvidia"

    /// The CPU TEE (`snp` of `snp+nvidia`).
    var cpuTEE: TEEKind {
        TEEKind(rawValue: tee.rawValue.hasSuffix(Self.gpuSuffix) ? String(tee.rawValue.dropLast(Self.gpuSuffix.count)) : tee.rawValue)
    }

    /// Whether the GPUs are attested too.
    var withGPUs: Bool { tee.rawValue.hasSuffix(Self.gpuSuffix) }

    @Option(help: ArgumentHelp("Sample TEE: the workload to measure: a file or a directory.", valueName: "path"))
    var workload: String?

    @Option(
        name: .customLong("runtime-data"),
        help: ArgumentHelp("Runtime data to bind: a JSON object (with --server, the nonce is added to it).", valueName: "file"))
    var runtimeData: String?

    @Option(
        help: ArgumentHelp(
            "Where to write the evidence: a file (or - for standard output) for sample, a directory for tpm.",
            valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("Attest to this Assay service and print the token.", valueName: "url"))
    var server: String?

    @Option(help: "Sample TEE: evidence encoding for --out: raw, hex or base64.")
    var encoding: EvidenceEncoding = .raw

    @Flag(help: "Sample TEE: mark the workload as running in debug mode (appraisal will contraindicate it).")
    var debug = false

    @Option(help: "Sample TEE: the workload's security version number.")
    var svn: UInt32 = 0

    @Option(help: "SEV-SNP: the VMPL to request the report at (0-3).")
    var vmpl: Int = 0

    @OptionGroup(title: "TPM")
    var tpm: TPMAttesterOptions

    @Option(
        help: ArgumentHelp(
            "Azure TDX CVM: the instance metadata service that turns the TDREPORT into a TD quote (default "
                + "\(AzureIMDS.defaultBaseURL)).", valueName: "url"))
    var imds: String?

    @Option(
        name: .customLong("event-log-out"),
        help: ArgumentHelp("TDX: also write the CC event log (ACPI CCEL data) here.", valueName: "file"))
    var eventLogOut: String?

    @Option(
        name: .customLong("ccel-table-out"),
        help: ArgumentHelp("TDX: also write the ACPI CCEL table here.", valueName: "file"))
    var ccelTableOut: String?

    @Option(help: "Output format with --server: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if withGPUs {
            guard [.sample, .snp, .tdx].contains(cpuTEE) else {
                throw ValidationError("+nvidia composes the GPUs with sample, snp or tdx (got '\(cpuTEE)')")
            }
            if server == nil, gpuEvidenceOut == nil {
                throw ValidationError("offline, --tee \(tee) needs --gpu-evidence-out FILE for the GPUs' evidence list")
            }
            if server == nil, gpuEvidence != nil {
                throw ValidationError("--gpu-evidence sends a collected list to --server; offline, give it to 'assay verify'")
            }
        } else if gpuEvidence != nil || gpuEvidenceOut != nil {
            throw ValidationError("--gpu-evidence and --gpu-evidence-out need a composite --tee such as snp+nvidia")
        }
        try tpm.validate(for: cpuTEE)
        switch cpuTEE {
        case .sample:
            guard workload != nil else { throw ValidationError("--tee sample needs --workload") }
        case .tpm:
            guard workload == nil else { throw ValidationError("--workload only applies to --tee sample") }
        case .snp:
            guard (0...3).contains(vmpl) else { throw ValidationError("--vmpl must be 0, 1, 2 or 3") }
            guard workload == nil else { throw ValidationError("--workload does not apply to --tee snp") }
        case .tdx, .nitro:
            guard workload == nil else { throw ValidationError("--workload does not apply to --tee \(cpuTEE)") }
        case .azureSNP, .azureTDX:
            guard workload == nil, server == nil else {
                throw ValidationError("--tee \(cpuTEE) writes evidence with --runtime-data and --out (no --workload, no --server)")
            }
        default:
            throw ValidationError(
                "assay attest supports --tee sample, snp, tdx, tpm, nitro, azure-snp and azure-tdx in this build (got '\(cpuTEE)')")
        }
        if cpuTEE != .azureTDX, imds != nil { throw ValidationError("--imds only applies to --tee azure-tdx") }
        if cpuTEE != .tdx, eventLogOut != nil || ccelTableOut != nil {
            throw ValidationError("--event-log-out and --ccel-table-out apply to --tee tdx")
        }
        if server == nil {
            guard runtimeData != nil, out != nil else {
                throw ValidationError("without --server, give --runtime-data and --out (or attest to a service with --server URL)")
            }
        }
    }

    func run() async throws {
        let given = try runtimeData.map {
            try RuntimeData(bytes: try InputFiles.read($0, what: "runtime data", limit: RuntimeData.maxBytes))
        }
        guard let server else {
            guard let given, let out else { throw CLIError.invalidArgument("--runtime-data and --out are required") }
            if cpuTEE == .tpm { return try attestTPM(given, out: out) }
            if cpuTEE == .azureSNP || cpuTEE == .azureTDX { return try await attestAzure(given, out: out) }
            let evidence = try collector.collect(given)
            try InputFiles.write(encoding.encode(evidence.bytes), to: out)
            if out != "-" {
                FileHandle.standardError.write(Data("wrote \(evidence.bytes.count)-byte \(cpuTEE) evidence to \(out)\n".utf8))
            }
            if withGPUs, let gpuEvidenceOut {
                let list = try gpus(given)
                try InputFiles.write(list, to: gpuEvidenceOut)
                FileHandle.standardError.write(Data("wrote the GPUs' evidence list (\(list.count) bytes) to \(gpuEvidenceOut)\n".utf8))
            }
            return
        }
        if given != nil, given?.json == nil {
            throw CLIError.invalidArgument("--runtime-data must be a JSON object when used with --server")
        }
        let (evidence, response) = try await collector.attest(
            to: AssayClient(baseURL: server), members: given?.json ?? [:],
            companions: { runtime in withGPUs ? [Evidence(tee: .nvidia, bytes: try gpus(runtime))] : [] })
        if let out { try InputFiles.write(encoding.encode(evidence.bytes), to: out) }
        switch format {
        case .json: print(response.prettyText)
        case .text: print(Self.render(response))
        }
    }

    /// The GPUs' evidence list: the --gpu-evidence file, or NVML's reports over SHA-256 of the runtime data.
    func gpus(_ runtime: RuntimeData) throws -> [UInt8] {
        if let gpuEvidence { return try InputFiles.read(gpuEvidence, what: "GPU evidence list", limit: Evidence.maxBytes) }
        return try NVMLGPUAttester().attest(nonce: runtime.reportData(for: .sha256))
    }

    /// Produces this TEE's evidence bound to runtime data.
    var collector: EvidenceCollector {
        EvidenceCollector(
            tee: cpuTEE, workload: workload, vmpl: vmpl, debug: debug, svn: svn, eventLogOut: eventLogOut, ccelTableOut: ccelTableOut,
            tpm: tpm)
    }

    /// Azure CVM attestation through the vTPM (and, on TDX, the instance metadata service), as Trustee's JSON.
    func attestAzure(_ runtime: RuntimeData, out: String) async throws {
        let client = try TPMClient.connect(try TPMDeviceAddress(parsing: tpm.address ?? "/dev/tpmrm0"))
        let service = AzureIMDS(baseURL: imds ?? AzureIMDS.defaultBaseURL)
        let fetch: @Sendable ([UInt8]) async throws -> [UInt8] = { report in try await service.tdQuote(report) }
        let attester = AzureCVMAttester(client: client, tdQuote: cpuTEE == .azureTDX ? fetch : nil)
        let evidence = try await attester.attest(runtimeData: runtime)
        try InputFiles.write(evidence, to: out)
        if out != "-" {
            FileHandle.standardError.write(Data("wrote \(evidence.count)-byte \(cpuTEE) evidence (Trustee JSON) to \(out)\n".utf8))
        }
    }

    /// Offline TPM attestation: a quote by a fresh AK, written as the files of ``TPMQuoteEvidence/files``.
    func attestTPM(_ runtime: RuntimeData, out: String) throws {
        let session = try TPMSession(tpm)
        let evidence = try session.quote(runtime)
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
                "wrote a TPM quote of \(session.selection.text) by a \(evidence.akPublic.keyDescription) AK to \(out) (\(evidence.files.keys.sorted().joined(separator: ", ")))\n"
                    .utf8))
    }

    static func render(_ response: JSONValue) -> String {
        var lines = ["Status:       \(response["status"]?.stringValue ?? "?")", "Trust vector:"]
        for component in TrustComponent.allCases {
            guard let value = response["trust_vector"]?[component.rawValue]?.integerValue else { continue }
            let claim = TrustClaim(rawValue: Int8(clamping: value))
            lines.append("  \(component.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\(claim)")
        }
        for (name, status) in (response["parts"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append("Part:         \(name) \(status.stringValue ?? "?")")
        }
        for reason in response["reasons"]?.arrayValue ?? [] {
            lines.append(
                "Reason:       \(reason["component"]?.stringValue ?? ""): \(reason["check"]?.stringValue ?? "") — expected \(reason["expected"]?.stringValue ?? ""), observed \(reason["observed"]?.stringValue ?? "")"
            )
        }
        lines.append("Token:")
        lines.append("  \(response["token"]?.stringValue ?? "(none)")")
        return lines.joined(separator: "\n")
    }
}
