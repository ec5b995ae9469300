import ArgumentParser
import AttestationCore
import AzureCVM
import TPM

/// The files that travel beside the evidence: a TPM quote's parts (tpm2-tools style), a TDX quote's CC event log, or
/// an Azure confidential VM's vTPM quote and TD quote beside its HCL report.
struct EvidenceAttachmentOptions: ParsableArguments {
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
        help: ArgumentHelp(
            "TPM: the TCG event log (binary_bios_measurements) to replay. TDX: the CC event log (the CCEL area, "
                + "/sys/firmware/acpi/tables/data/CCEL) to replay into RTMR0-3.",
            valueName: "file"))
    var eventLog: String?

    @Option(
        name: .customLong("ek-certificate"),
        help: ArgumentHelp("TPM: the EK certificate (PEM or DER) to check against the trusted roots.", valueName: "file"))
    var ekCertificate: String?

    @Option(
        name: .customLong("ak-certificate"),
        help: ArgumentHelp("TPM: the AK certificate, optionally followed by intermediates (PEM or DER).", valueName: "file"))
    var akCertificate: String?

    @Option(
        name: .customLong("ccel-table"),
        help: ArgumentHelp(
            "TDX: the ACPI CCEL table (/sys/firmware/acpi/tables/CCEL) that bounds --event-log.", valueName: "file"))
    var ccelTable: String?

    @Option(
        name: .customLong("tpm-quote"),
        help: ArgumentHelp(
            "Azure CVM: the vTPM quote beside the HCL report (Trustee's quote.bin in bincode, or its JSON).",
            valueName: "file"))
    var tpmQuote: String?

    @Option(
        name: .customLong("td-quote"),
        help: ArgumentHelp("Azure TDX CVM: the TD quote the instance metadata service returned.", valueName: "file"))
    var tdQuote: String?

    /// Largest ACPI CCEL table read (the table is 56 bytes; anything near this bound is not one).
    static let maxCCELTableBytes = 4096

    /// The TPM-only options given, by attachment.
    var tpmFiles: [(TPMEvidence.Attachment, String)] {
        [(.signature, signature), (.akPublic, akPublic), (.pcrs, pcrs), (.ekCertificate, ekCertificate), (.akCertificate, akCertificate)]
            .compactMap { attachment, path in path.map { (attachment, $0) } }
    }

    /// Rejects the options a TEE does not take.
    func validate(for tee: TEEKind) throws {
        if tee != .tpm, !tpmFiles.isEmpty {
            throw ValidationError(
                "--\(tpmFiles.map { $0.0.rawValue.replacingOccurrences(of: "_", with: "-") }.joined(separator: ", --")) only apply to --tee tpm")
        }
        if tee != .tpm, tee != .tdx, eventLog != nil { throw ValidationError("--event-log only applies to --tee tpm and --tee tdx") }
        if tee != .tdx, ccelTable != nil { throw ValidationError("--ccel-table only applies to --tee tdx") }
        if tee != .azureSNP, tee != .azureTDX, tpmQuote != nil {
            throw ValidationError("--tpm-quote only applies to --tee azure-snp and --tee azure-tdx")
        }
        if tee != .azureTDX, tdQuote != nil { throw ValidationError("--td-quote only applies to --tee azure-tdx") }
    }

    /// The evidence attachments these files make, read byte-exact.
    func attachments() throws -> [String: [UInt8]] {
        var attachments: [String: [UInt8]] = [:]
        for (attachment, path) in tpmFiles {
            attachments[attachment.rawValue] = try InputFiles.read(
                path, what: "TPM \(attachment.rawValue.replacingOccurrences(of: "_", with: " "))", limit: Evidence.maxBytes)
        }
        if let eventLog {
            attachments[Evidence.eventLogAttachment] = try InputFiles.read(eventLog, what: "event log", limit: Evidence.maxBytes)
        }
        if let ccelTable {
            attachments[Evidence.ccelTableAttachment] = try InputFiles.read(
                ccelTable, what: "CCEL table", limit: Self.maxCCELTableBytes)
        }
        if let tpmQuote {
            attachments[AzureEvidence.tpmQuoteAttachment] = try InputFiles.read(tpmQuote, what: "vTPM quote", limit: Evidence.maxBytes)
        }
        if let tdQuote {
            attachments[AzureEvidence.tdQuoteAttachment] = try InputFiles.read(tdQuote, what: "TD quote", limit: Evidence.maxBytes)
        }
        return attachments
    }
}
