import AttestationCore

/// The parts of Trustee's az-snp-vtpm / az-tdx-vtpm JSON evidence, by the names its versions use: `report` (v0
/// SNP) or `hcl_report`, `quote` (v0 SNP) or `tpm_quote`, `td_quote`, `vcek` (PEM in v0, base64 DER later).
/// `version` and any other member are read without being judged.
struct TrusteeEvidence {
    /// Largest JSON evidence read (v0 writes bytes as decimal arrays: about 40 KB).
    static let maxBytes = 1024 * 1024
    /// Largest TD quote read (with its PCK chain, under 16 KiB).
    static let maxTDQuoteBytes = 64 * 1024
    /// Largest VCEK read.
    static let maxVCEKBytes = 16 * 1024

    let hclReport: HCLReport
    let quote: VTPMQuote?
    let tdQuote: [UInt8]?
    let vcek: [UInt8]?

    init(parsing bytes: [UInt8]) throws {
        guard bytes.count <= Self.maxBytes else {
            throw AzureCVMError.malformedEvidenceJSON("\(bytes.count) bytes, above the limit of \(Self.maxBytes)")
        }
        let document: JSONValue
        do { document = try JSONValue(parsing: bytes) } catch { throw AzureCVMError.malformedEvidenceJSON("\(error)") }
        guard document.objectValue != nil else { throw AzureCVMError.malformedEvidenceJSON("not a JSON object") }
        func member(_ names: [String], limit: Int, text: JSONValue.ByteText) throws -> [UInt8]? {
            guard let name = names.first(where: { document[$0] != nil }), let value = document[name] else { return nil }
            do { return try value.trusteeBytes(limit: limit, text: text) } catch let error as AzureCVMError {
                throw error
            } catch {
                throw AzureCVMError.malformedEvidenceJSON("\(name): \(error)")
            }
        }
        guard let report = try member(["hcl_report", "report"], limit: HCLReport.maxBytes, text: .base64) else {
            throw AzureCVMError.malformedEvidenceJSON("no hcl_report (or v0 report) member")
        }
        hclReport = try HCLReport(parsing: report)
        quote = try (document["tpm_quote"] ?? document["quote"]).map(VTPMQuote.init(json:))
        tdQuote = try member(["td_quote"], limit: Self.maxTDQuoteBytes, text: .base64)
        if let text = document["vcek"]?.stringValue, text.hasPrefix("-----BEGIN") {
            guard text.utf8.count <= Self.maxVCEKBytes else {
                throw AzureCVMError.malformedEvidenceJSON("vcek of \(text.utf8.count) bytes, above the limit of \(Self.maxVCEKBytes)")
            }
            vcek = Array(text.utf8)
        } else {
            vcek = try member(["vcek"], limit: Self.maxVCEKBytes, text: .base64)
        }
    }
}
