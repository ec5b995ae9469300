public import AttestationCore

/// Why Azure confidential-VM evidence could not be evaluated (thrown; rejected evidence is a verdict).
public enum AzureCVMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HCL report's bytes cannot be laid out (truncated, a length beyond its bound).
    case malformedHCLReport(AttestationCoreError)
    /// The HCL runtime data is not a JSON object of the expected shape.
    case malformedRuntimeData(String)
    /// The vTPM quote (Trustee's bincode or JSON `Quote`) is malformed.
    case malformedTPMQuote(String)
    /// The TDREPORT inside a TDX HCL report is malformed.
    case malformedTDReport(AttestationCoreError)
    /// Trustee's az-snp-vtpm / az-tdx-vtpm JSON evidence is malformed.
    case malformedEvidenceJSON(String)
    /// A part of the evidence is absent.
    case missingPart(what: String, fix: String)
    /// The HCL report's type is not the one of the TEE named.
    case reportTypeMismatch(tee: TEEKind, found: HCLReportType)

    public var description: String {
        switch self {
        case .malformedHCLReport(let error):
            return "malformed Azure HCL report: \(error); pass the 2600-byte NV index 0x01400001 content as --evidence"
        case .malformedRuntimeData(let reason):
            return "malformed HCL runtime data: \(reason)"
        case .malformedTPMQuote(let reason):
            return "malformed vTPM quote: \(reason); pass Trustee's quote.bin (bincode) or its JSON with --tpm-quote"
        case .malformedTDReport(let error):
            return "malformed TDREPORT in the HCL report: \(error)"
        case .malformedEvidenceJSON(let reason):
            return "malformed Azure CVM JSON evidence (Trustee az-snp-vtpm / az-tdx-vtpm): \(reason)"
        case .missingPart(let what, let fix):
            return "the evidence lacks \(what); \(fix)"
        case .reportTypeMismatch(let tee, let found):
            let other = found == .tdx ? TEEKind.azureTDX : found == .snp ? TEEKind.azureSNP : nil
            return "the HCL report is of type \(found), not the one --tee \(tee) reads"
                + (other.map { "; use --tee \($0)" } ?? "; only types 2 (SNP) and 4 (TDX) are known")
        }
    }
}
