import ArgumentParser
import AttestationCore
import Appraisal
import Attestation
import Foundation
import NvidiaGPU
import Tokens

/// `assay verify`: verify captured evidence offline and print the verdict, the appraisal and the EAR result.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify evidence, appraise its claims and print the attestation result.",
        discussion: """
            Checks the evidence's signatures and certificate chain up to the manufacturer's pinned root as of \
            --as-of (default: now), its binding to --runtime-data or --report-data, then appraises the claims \
            against --reference-values with the Rego appraisal policy (--policy; default: the built-in policy) \
            and prints the verdict, the AR4SI trust vector with the reason for every \
            tier that is not affirming, and the EAR result (signed with --signing-key when given).

            Evidence files may be raw binary, hex or base64 text. Exit status: 0 valid, 1 rejected, 2 unusable \
            input.

            Example (Sample TEE):
              assay attest --tee sample --workload ./app --runtime-data rd.json --out ev.bin
              assay verify --tee sample --evidence ev.bin --runtime-data rd.json --signing-key key.pem

            Example (TPM quote from tpm2-tools, extraData given in hex):
              assay verify --tee tpm --evidence quote.msg --signature quote.sig --ak-public ak.pub --pcrs quote.pcrs \
                --report-data 0102030405

            Example (AMD SEV-SNP; the report may carry its certificate table, else pass the VCEK and the KDS \
            cert_chain, or fetch them):
              assay verify --tee snp --evidence report.bin --collateral vcek.der --collateral cert_chain.pem
              assay verify --tee snp --evidence report.bin --fetch-collateral

            Example (Intel TDX or SGX; collateral as files, a directory or a dcap-qvl bundle, as of a past instant; \
            --event-log and --ccel-table replay the TD's CC event log into RTMR0-3):
              assay verify --tee tdx --evidence quote.dat --collateral collateral/ --as-of 2025-06-20T10:32:27Z
              assay verify --tee sgx --evidence quote.dat --fetch-collateral
            """
    )

    @Option(help: "The TEE that produced the evidence (\(Registry.teeNames)).")
    var tee: TEEKind

    @Option(help: ArgumentHelp("The evidence file (raw, hex or base64), or - for standard input.", valueName: "file"))
    var evidence: String

    @OptionGroup var inputs: VerificationInputOptions

    @Option(
        name: .customLong("runtime-data"),
        help: ArgumentHelp(
            "The runtime-data file the evidence must be bound to (its exact bytes are hashed).", valueName: "file"))
    var runtimeData: String?

    @Option(
        name: .customLong("report-data"),
        help: ArgumentHelp(
            "The exact report data the evidence must carry, in hex (zero-padded to the field's length).",
            valueName: "hex"))
    var reportData: String?

    @Option(
        name: .customLong("signing-key"),
        help: ArgumentHelp("Sign the EAR result with this ES256 key (see 'assay keys generate').", valueName: "file"))
    var signingKey: String?

    @Option(
        name: .customLong("gpu-evidence"),
        help: ArgumentHelp(
            "Composite attestation: an NVIDIA GPU/NVSwitch evidence list (nvtrust JSON) bound to the same runtime or "
                + "report data; each device is verified and appraised as its own part (nvidia-gpu-0, …) and the "
                + "result is the worst of all parts.", valueName: "file"))
    var gpuEvidence: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Evidence attachments (TPM, TDX, Azure CVM)")
    var attached: EvidenceAttachmentOptions

    func validate() throws {
        try attached.validate(for: tee)
        if gpuEvidence != nil, tee == .nvidia {
            throw ValidationError("--gpu-evidence adds GPUs to a CPU TEE's evidence; with --tee nvidia give the list as --evidence")
        }
        if runtimeData != nil, reportData != nil {
            throw ValidationError("give either --runtime-data or --report-data, not both")
        }
    }

    func run() async throws {
        let now = Date()
        let runtime = try runtimeData.map {
            try RuntimeData(bytes: try InputFiles.read($0, what: "runtime data", limit: RuntimeData.maxBytes))
        }
        var expected: ExpectedReportData? = runtime.map { .runtimeData($0) }
        if let reportData { expected = .exact(try Hex.decode(reportData)) }
        let context = VerificationContext(
            asOf: inputs.instant ?? now,
            trustAnchors: try inputs.trustAnchors(),
            collateral: try inputs.collateralItems(),
            collateralProvider: inputs.collateralProvider(),
            expectedReportData: expected,
            allowsPartialCollateral: inputs.partialCollateral)
        let pipeline = AttestationPipeline(
            verifiers: Registry.verifiers,
            appraiser: try inputs.appraiser(),
            signingKey: try signingKey.map(TokenSigningKey.init(contentsOf:)),
            build: "assay \(Assay.version)")
        let companions = try gpuEvidence.map {
            [Evidence(tee: .nvidia, bytes: try InputFiles.read($0, what: "GPU evidence list", limit: Evidence.maxBytes))]
        }
        let outcome = try await pipeline.attest(
            Evidence(
                tee: tee, bytes: try InputFiles.evidence(evidence), attachments: try attached.attachments(),
                companions: companions ?? []),
            context: context, runtimeData: runtime, nonce: nil, issuedAt: now)
        switch format {
        case .json: print(outcome.json.prettyText)
        case .text: print(OutcomeText.render(outcome))
        }
        if !outcome.isValid { throw ExitStatus.rejected }
    }
}
