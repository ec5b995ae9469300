import ArgumentParser
import AttestationCore

/// The TEE a workload runs in and what its evidence needs (`assay secret get`, `assay tls proxy`, `assay serve
/// --tls-attested`): the Sample TEE's workload, the SNP VMPL, the TPM.
struct AttesterOptions: ParsableArguments {
    @Option(name: .customLong("tee"), help: ArgumentHelp("The TEE this workload runs in (sample, snp, tdx, tpm, nitro).", valueName: "tee"))
    var givenTEE: TEEKind?

    @Option(help: ArgumentHelp("Sample TEE: the workload to measure: a file or a directory.", valueName: "path"))
    var workload: String?

    @Option(help: "SEV-SNP: the VMPL to request the report at (0-3).")
    var vmpl: Int = 0

    @OptionGroup(title: "TPM")
    var tpm: TPMAttesterOptions

    /// `command` names the subcommand in the message for an unsupported TEE.
    func check(for command: String) throws {
        guard let tee = givenTEE else { throw ValidationError("\(command) needs --tee (sample, snp, tdx, tpm or nitro)") }
        try tpm.validate(for: tee)
        switch tee {
        case .sample: guard workload != nil else { throw ValidationError("--tee sample needs --workload") }
        case .snp: guard (0...3).contains(vmpl) else { throw ValidationError("--vmpl must be 0, 1, 2 or 3") }
        case .tdx, .tpm, .nitro: guard workload == nil else { throw ValidationError("--workload only applies to --tee sample") }
        default:
            throw ValidationError("\(command) supports --tee sample, snp, tdx, tpm and nitro in this build (got '\(tee)')")
        }
    }

    /// The TEE (``check(for:)`` has made sure it is given).
    var tee: TEEKind { givenTEE ?? .sample }

    /// Produces this TEE's evidence.
    var collector: EvidenceCollector {
        EvidenceCollector(tee: tee, workload: workload, vmpl: vmpl, debug: false, svn: 0, tpm: tpm)
    }
}
