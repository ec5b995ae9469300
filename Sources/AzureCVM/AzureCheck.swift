public import AttestationCore

/// The names of the Azure confidential-VM checks, as verdicts show them (the names `expected.jsonl` uses where it
/// has them). The hardware report's own checks keep SEV-SNP's and DCAP's names.
public struct AzureCheck: CheckName, Hashable {
    public let rawValue: String

    /// The HCL report starts with the magic `HCLA`.
    public static let hclHeaderMagic = AzureCheck(rawValue: "hcl_header_magic_HCLA")
    /// REPORT_DATA of the hardware report = hash of the HCL runtime data (by its hash type), zero-padded.
    public static let hwReportDataBindsRuntimeData = AzureCheck(rawValue: "hw_report_data_binds_hcl_runtime_data")
    /// The SNP report was requested at VMPL 0 (by the HCL, not by the guest OS at a lower privilege level).
    public static let hwReportVMPL0 = AzureCheck(rawValue: "hw_report_vmpl_0")
    /// TDREPORT REPORTDATA = the TD quote body's REPORTDATA.
    public static let tdReportDataEqualsQuote = AzureCheck(rawValue: "td_report_data_equals_quote_report_data")
    /// TDREPORT TDINFO (attributes, XFAM, MRTD, MRCONFIGID, MROWNER, MROWNERCONFIG, RTMRs) = the TD quote body's.
    public static let tdReportTDInfoMatchesQuote = AzureCheck(rawValue: "td_report_tdinfo_matches_quote_body")
    /// TDREPORT TEE_TCB_INFO (TEE_TCB_SVN, MRSEAM, MRSIGNERSEAM, attributes) = the TD quote body's.
    public static let tdReportTCBInfoMatchesQuote = AzureCheck(rawValue: "td_report_tee_tcb_info_matches_quote_body")
    /// The vTPM quote is a TPM-generated TPM_ST_ATTEST_QUOTE.
    public static let vtpmQuoteMagicType = AzureCheck(rawValue: "vtpm_quote_magic_type")
    /// The vTPM quote's RSASSA-PKCS1-v1_5 SHA-256 signature verifies with `HCLAkPub` from the runtime data.
    public static let vtpmQuoteSignature = AzureCheck(rawValue: "vtpm_quote_signature_by_hcl_akpub")
    /// The quote's pcrDigest = SHA-256 of the reported PCR values.
    public static let vtpmPCRsMatchDigest = AzureCheck(rawValue: "vtpm_pcrs_match_quote_digest")
    /// The HCL runtime data's `user-data` (written to NV index 0x01400002) = SHA-512 of the runtime data expected.
    public static let userDataBindsRuntimeData = AzureCheck(rawValue: "hcl_user_data_binds_runtime_data")
}
