import ArgumentParser
import AttestationCore
import AzureCVM

/// The TPM an attester quotes with, shared by `assay attest` and `assay secret get` (`--tee tpm`).
struct TPMAttesterOptions: ParsableArguments {
    /// The attestation-key types `--ak-type` accepts.
    static let akTypes = ["rsa2048", "ecc-p256"]

    @Option(
        name: .customLong("tpm"),
        help: ArgumentHelp(
            "TPM: swtpm:host=H,port=N (control channel on N+1) or a device such as /dev/tpmrm0 (Azure CVM: the vTPM, "
                + "default /dev/tpmrm0).", valueName: "address"))
    var address: String?

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

    /// Requires `--tpm` for `--tee tpm`, and rejects the TPM options for other TEEs.
    func validate(for tee: TEEKind) throws {
        if tee == .azureSNP || tee == .azureTDX {
            guard eventLog == nil else { throw ValidationError("--event-log only applies to --tee tpm") }
            return
        }
        guard tee == .tpm else {
            guard address == nil, eventLog == nil else {
                throw ValidationError("--tpm and --event-log only apply to --tee tpm (and --tpm to --tee azure-snp, azure-tdx)")
            }
            return
        }
        guard address != nil else { throw ValidationError("--tee tpm needs --tpm (swtpm:host=H,port=N or /dev/tpmrm0)") }
        guard Self.akTypes.contains(akType) else { throw ValidationError("--ak-type must be rsa2048 or ecc-p256") }
    }
}
