import ArgumentParser
import AttestationCore
import TPM

/// The files that travel beside a TPM quote (tpm2-tools style evidence); only meaningful with `--tee tpm`.
struct TPMEvidenceOptions: ParsableArguments {
    @Option(
        name: .customLong("signature"),
        help: ArgumentHelp("TPM: the quote's TPMT_SIGNATURE (tpm2_quote -s).", valueName: "file"))
    var signature: String?

    @Option(
        name: .customLong("ak-public"),
        help: ArgumentHelp(
            "TPM: the attestation key: TPM2B_PUBLIC/TPMT_PUBLIC (tpm2_createak -u) or a PEM public key (-f pem).",
            valueName: "file"))
    var akPublic: String?

    @Option(
        name: .customLong("pcrs"),
        help: ArgumentHelp("TPM: the quoted PCR values (tpm2_quote -o, serialized or values layout).", valueName: "file"))
    var pcrs: String?

    @Option(
        name: .customLong("event-log"),
        help: ArgumentHelp("TPM: the TCG event log (binary_bios_measurements) to replay.", valueName: "file"))
    var eventLog: String?

    @Option(
        name: .customLong("ek-certificate"),
        help: ArgumentHelp("TPM: the EK certificate (PEM or DER) to check against the trusted roots.", valueName: "file"))
    var ekCertificate: String?

    @Option(
        name: .customLong("ak-certificate"),
        help: ArgumentHelp("TPM: the AK certificate, optionally followed by intermediates (PEM or DER).", valueName: "file"))
    var akCertificate: String?

    /// The options given, by attachment.
    var files: [(TPMEvidence.Attachment, String)] {
        [
            (.signature, signature), (.akPublic, akPublic), (.pcrs, pcrs), (.eventLog, eventLog),
            (.ekCertificate, ekCertificate), (.akCertificate, akCertificate),
        ].compactMap { attachment, path in path.map { (attachment, $0) } }
    }

    /// Rejects the options for TEEs other than TPM.
    func validate(for tee: TEEKind) throws {
        if tee != .tpm, !files.isEmpty {
            throw ValidationError(
                "--\(files.map { $0.0.rawValue.replacingOccurrences(of: "_", with: "-") }.joined(separator: ", --")) only apply to --tee tpm")
        }
    }

    /// The evidence attachments these files make, read byte-exact.
    func attachments() throws -> [String: [UInt8]] {
        var attachments: [String: [UInt8]] = [:]
        for (attachment, path) in files {
            attachments[attachment.rawValue] = try InputFiles.read(
                path, what: "TPM \(attachment.rawValue.replacingOccurrences(of: "_", with: " "))", limit: Evidence.maxBytes)
        }
        return attachments
    }
}
