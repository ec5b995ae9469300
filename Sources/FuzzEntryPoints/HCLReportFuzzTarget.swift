import AttestationCore
import AzureCVM

/// `hcl-report`: Azure confidential-VM evidence as `assay verify --tee azure-snp|azure-tdx` receives it (raw, hex
/// or base64): the HCL report and its runtime data, the TDREPORT in its hardware slot, Trustee's JSON evidence,
/// the vTPM quote (bincode or JSON), and the inspector over all of them.
public enum HCLReportFuzzTarget: FuzzTarget {
    public static let name = "hcl-report"

    public static func run(_ bytes: [UInt8]) {
        check(bytes)
        let decoded = EvidenceEncoding.decode(bytes)
        if decoded.encoding != .raw { check(decoded.bytes) }
    }

    static func check(_ bytes: [UInt8]) {
        if let report = try? HCLReport(parsing: bytes) {
            FuzzInput.require(report.hardwareReport.count == HCLReport.hardwareReportLength, "hardware report slot length")
            _ = try? TDReport(parsing: report.hardwareReport)
            if let runtime = try? HCLRuntimeData(parsing: report.runtimeData) { _ = runtime.attestationKey() }
        }
        _ = try? VTPMQuote(parsing: bytes)
        for tee in [TEEKind.azureSNP, .azureTDX] {
            let evidence = Evidence(tee: tee, bytes: bytes, attachments: [AzureEvidence.tpmQuoteAttachment: bytes])
            _ = try? AzureEvidence(parsing: evidence)
            _ = try? AzureCVMInspector(tee: tee).inspect(evidence).text
        }
    }
}
