public import AttestationCore

extension TEEKind {
    /// Azure confidential VM on AMD SEV-SNP: the HCL report (SNP report + runtime data) and the vTPM quote.
    public static let azureSNP: TEEKind = "azure-snp"
    /// Azure confidential VM on Intel TDX: the HCL report (TDREPORT + runtime data), the TD quote and the vTPM quote.
    public static let azureTDX: TEEKind = "azure-tdx"
}
