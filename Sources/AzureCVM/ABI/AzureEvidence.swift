public import AttestationCore

/// Azure confidential-VM evidence: the HCL report, the vTPM quote and, for TDX, the TD quote (plus, in Trustee's
/// SNP JSON, the VCEK).
///
/// Accepted forms of ``Evidence/bytes``:
/// - Trustee's az-snp-vtpm / az-tdx-vtpm JSON (v0: byte arrays; v1, v2: hex and base64 text), see
///   ``init(trusteeJSON:)``;
/// - the binary HCL report, with the vTPM quote in the attachment ``tpmQuoteAttachment`` (bincode or JSON) and,
///   for TDX, the TD quote in ``tdQuoteAttachment``.
/// An attachment also fills a part the JSON lacks.
public struct AzureEvidence: Sendable, Hashable {
    /// The attachment holding the vTPM quote (`--tpm-quote`).
    public static let tpmQuoteAttachment = "tpm_quote"
    /// The attachment holding the TD quote (`--td-quote`).
    public static let tdQuoteAttachment = "td_quote"

    /// The HCL report.
    public let hclReport: HCLReport
    /// Its runtime data, parsed.
    public let runtimeData: HCLRuntimeData
    /// The vTPM quote.
    public let quote: VTPMQuote
    /// The TD quote (TDX), byte-exact.
    public let tdQuote: [UInt8]?
    /// The endorsement certificate that came with the evidence (Trustee's SNP `vcek`: PEM or DER).
    public let vcek: [UInt8]?

    public init(hclReport: HCLReport, quote: VTPMQuote, tdQuote: [UInt8]?, vcek: [UInt8]?) throws {
        self.hclReport = hclReport
        self.runtimeData = try HCLRuntimeData(parsing: hclReport.runtimeData)
        self.quote = quote
        self.tdQuote = tdQuote
        self.vcek = vcek
    }

    /// Parses evidence in any accepted form.
    public init(parsing evidence: Evidence) throws {
        let bytes = evidence.bytes
        let attachedQuote = try evidence.attachments[Self.tpmQuoteAttachment].map(VTPMQuote.init(parsing:))
        let attachedTDQuote = evidence.attachments[Self.tdQuoteAttachment]
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            let parts = try TrusteeEvidence(parsing: bytes)
            guard let quote = parts.quote ?? attachedQuote else {
                throw AzureCVMError.missingPart(what: "the vTPM quote", fix: "its JSON has no tpm_quote; pass --tpm-quote FILE")
            }
            try self.init(hclReport: parts.hclReport, quote: quote, tdQuote: parts.tdQuote ?? attachedTDQuote, vcek: parts.vcek)
        } else {
            guard let quote = attachedQuote else {
                throw AzureCVMError.missingPart(
                    what: "the vTPM quote", fix: "pass --tpm-quote FILE (Trustee's quote.bin or its JSON) beside the HCL report")
            }
            try self.init(hclReport: try HCLReport(parsing: bytes), quote: quote, tdQuote: attachedTDQuote, vcek: nil)
        }
    }
}
