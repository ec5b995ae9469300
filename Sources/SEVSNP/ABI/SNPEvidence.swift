public import AttestationCore

/// SEV-SNP evidence: an attestation report and the certificate table that came with it (possibly empty).
///
/// Accepted forms of ``Evidence/bytes``:
/// - a bare report (exactly 1184 bytes);
/// - an extended report: the report immediately followed by its certificate table (what `assay attest --tee snp`
///   writes, and go-sev-guest's raw extended-report form);
/// - CoCo trustee's JSON evidence (`{"attestation_report": {…}, "cert_chain": [{"cert_type", "data"}]}`), which
///   is rebuilt into the binary report; the report signature then proves the rebuild exact.
///
/// A certificate table may also arrive as the attachment ``certificateTableAttachment``.
public struct SNPEvidence: Sendable, Hashable {
    /// The name of an ``Evidence`` attachment that holds a certificate table.
    public static let certificateTableAttachment = "certificate_table"

    /// The report.
    public let report: AttestationReport
    /// The certificates that came with it.
    public let certificates: CertificateTable

    public init(report: AttestationReport, certificates: CertificateTable = CertificateTable(entries: [])) {
        self.report = report
        self.certificates = certificates
    }

    /// Parses evidence in any accepted form.
    public init(parsing evidence: Evidence) throws {
        let bytes = evidence.bytes
        if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "{") {
            self = try Self(trusteeJSON: bytes)
        } else {
            guard bytes.count >= AttestationReport.size else { throw SEVSNPError.reportLength(bytes.count) }
            let report = try AttestationReport(parsing: bytes[0..<AttestationReport.size])
            var entries = try CertificateTable(parsing: bytes[AttestationReport.size...]).entries
            guard bytes.count == AttestationReport.size || !entries.isEmpty else {
                throw SEVSNPError.malformedCertificateTable(
                    "\(bytes.count - AttestationReport.size) bytes after the report hold an empty table")
            }
            if let attachment = evidence.attachments[Self.certificateTableAttachment] {
                entries += try CertificateTable(parsing: attachment[...]).entries
            }
            self.init(report: report, certificates: CertificateTable(entries: entries))
        }
    }

    /// The evidence as one blob: the report followed by its certificate table.
    public var serialized: [UInt8] { report.bytes + certificates.serialized }
}
