/// Evidence as received from an attester: the primary blob (report, quote, document) and named attachments.
///
/// Attachments carry the parts some TEEs send beside the main blob, e.g. a TPM quote's `signature`,
/// `ak_public` and `pcrs`, or an SNP extended report's certificate table.
public struct Evidence: Sendable, Hashable {
    /// Largest evidence blob Assay reads, across all TEEs (a DCAP quote with its certification data is < 16 KiB;
    /// TPM event logs are the largest parts seen, well under this).
    public static let maxBytes = 4 * 1024 * 1024

    /// The TEE that is claimed to have produced this evidence.
    public var tee: TEEKind
    /// The primary blob, byte-exact.
    public var bytes: [UInt8]
    /// Further named parts, byte-exact.
    public var attachments: [String: [UInt8]]
    /// Evidence of other TEEs bound to the same runtime data and appraised with this one (composite attestation:
    /// a CPU TEE's report with its GPUs' evidence list). Each companion is verified by its own TEE's verifier.
    public var companions: [Evidence]

    /// Most companions one piece of evidence carries.
    public static let maxCompanions = 4

    /// Attachment name of an event log that replays into the evidence's measurement registers (TDX CCEL area).
    public static let eventLogAttachment = "event_log"
    /// Attachment name of the ACPI CCEL table that locates a TDX event log.
    public static let ccelTableAttachment = "ccel_table"

    public init(tee: TEEKind, bytes: [UInt8], attachments: [String: [UInt8]] = [:], companions: [Evidence] = []) {
        self.tee = tee
        self.bytes = bytes
        self.attachments = attachments
        self.companions = companions
    }
}
