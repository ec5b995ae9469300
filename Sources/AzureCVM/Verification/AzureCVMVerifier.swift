public import AttestationCore
public import DCAP
public import SEVSNP
import Crypto

/// Verifies Azure confidential-VM evidence as a chain of bindings:
/// 1. the HCL report's header (`hcl_header_magic_HCLA`) and report type (that of the TEE named, else it throws);
/// 2. the hardware report, by the hardware's own verifier: SEV-SNP's (VMPL 0 required, `hw_report_vmpl_0`), or
///    for TDX the TD quote through DCAP plus the unsigned TDREPORT against the quote body
///    (`td_report_data_equals_quote_report_data`, `td_report_tdinfo_matches_quote_body`,
///    `td_report_tee_tcb_info_matches_quote_body`);
/// 3. the runtime data: its hash (the HCL's hash type, SHA-256 on Azure) = REPORT_DATA, zero-padded
///    (`hw_report_data_binds_hcl_runtime_data`);
/// 4. the vTPM quote: TPM-generated quote (`vtpm_quote_magic_type`), RSASSA-PKCS1-v1_5 SHA-256 signature by
///    `HCLAkPub` of that runtime data (`vtpm_quote_signature_by_hcl_akpub`), pcrDigest of the PCR values
///    (`vtpm_pcrs_match_quote_digest`), and extraData = SHA-256 of Assay's runtime data (`report_data_binding`:
///    the quote brings the freshness, the HCL report may date from boot);
/// 5. when runtime data is expected and the HCL `user-data` is set: it equals SHA-512 of it
///    (`hcl_user_data_binds_runtime_data`).
///
/// Claims: the hardware verifier's (`snp` or `tdx` claims), `tee`, `hcl {…}`, `runtime {vm_configuration,
/// user_data}` and `vtpm {pcrs, …}`; `hcl.verified` and `vtpm.verified` say whether each half passed.
public struct AzureCVMVerifier: EvidenceVerifier {
    /// The hardware verifier the HCL report's hardware report goes through.
    public enum Hardware: Sendable {
        case snp(SEVSNPVerifier)
        case tdx(DCAPVerifier)
    }

    public let tee: TEEKind
    public let binding = ReportDataBinding.sha256
    /// The hardware verifier.
    public let hardware: Hardware

    /// An `azure-snp` verifier whose SNP reports go through `snp` (its KDS and caches).
    public init(snp: SEVSNPVerifier) {
        tee = .azureSNP
        hardware = .snp(snp)
    }

    /// An `azure-tdx` verifier whose TD quotes go through `tdx` (its PCS and caches).
    public init(tdx: DCAPVerifier) {
        tee = .azureTDX
        hardware = .tdx(tdx)
    }

    /// The HCL report type this verifier reads.
    var reportType: HCLReportType {
        switch hardware {
        case .snp: return .snp
        case .tdx: return .tdx
        }
    }

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        let parsed = try AzureEvidence(parsing: evidence)
        let hcl = parsed.hclReport
        guard hcl.reportType == reportType else { throw AzureCVMError.reportTypeMismatch(tee: tee, found: hcl.reportType) }

        var verdict = Verdict(tee: tee)
        verdict.check(
            AzureCheck.hclHeaderMagic, hcl.signature == HCLReport.magic, expected: "HCL report signature 'HCLA'",
            observed: "'\(String(decoding: hcl.signature, as: UTF8.self))' (\(Hex.encode(hcl.signature)))")
        if let note = hcl.reservedFields.note { verdict.notes.append(note) }

        var hardwareContext = context
        hardwareContext.expectedReportData = nil
        if let vcek = parsed.vcek { hardwareContext.collateral.append(CollateralItem(source: "the evidence's vcek", bytes: vcek)) }
        let reportData: [UInt8]
        switch hardware {
        case .snp(let verifier):
            let report = try AttestationReport(parsing: hcl.hardwareReport)
            verdict.append(try await verifier.verify(Evidence(tee: .snp, bytes: hcl.hardwareReport), context: hardwareContext))
            verdict.check(
                AzureCheck.hwReportVMPL0, report.vmpl == 0, expected: "an SNP report requested at VMPL 0 (by the HCL)",
                observed: "VMPL \(report.vmpl)")
            reportData = report.reportData
        case .tdx(let verifier):
            guard let tdQuote = parsed.tdQuote else {
                throw AzureCVMError.missingPart(what: "the TD quote", fix: "pass --td-quote FILE (the quote the IMDS returned)")
            }
            verdict.append(try await verifier.verify(Evidence(tee: .tdx, bytes: tdQuote), context: hardwareContext))
            let tdReport = try TDReport(parsing: hcl.hardwareReport)
            try Self.checkTDReport(tdReport, against: try Quote(parsing: tdQuote), into: &verdict)
            reportData = tdReport.reportData
        }
        Self.checkRuntimeDataBinding(hcl, reportData: reportData, into: &verdict)
        let hardwareHalf = verdict.isValid

        let failuresBefore = verdict.failures.count
        let attestationKey = parsed.runtimeData.attestationKey()
        checkQuote(parsed.quote, key: attestationKey, context: context, into: &verdict)
        checkUserData(parsed.runtimeData, context: context, into: &verdict)
        let vtpmHalf = verdict.failures.count == failuresBefore

        verdict.claims["tee"] = .string(tee.rawValue)
        verdict.claims["hcl"] = hclClaims(parsed, key: attestationKey, verified: hardwareHalf)
        verdict.claims["runtime"] = runtimeClaims(parsed.runtimeData)
        verdict.claims["vtpm"] = vtpmClaims(parsed.quote, verified: vtpmHalf)
        return verdict
    }

    /// Checks REPORT_DATA = hash(runtime data) ‖ zeros, by the HCL's hash type.
    static func checkRuntimeDataBinding(_ hcl: HCLReport, reportData: [UInt8], into verdict: inout Verdict) {
        let digest: [UInt8]?
        switch hcl.runtimeDataHashType {
        case 1: digest = Array(SHA256.hash(data: hcl.runtimeData))
        case 2: digest = Array(SHA384.hash(data: hcl.runtimeData))
        case 3: digest = Array(SHA512.hash(data: hcl.runtimeData))
        default: digest = nil
        }
        let expected = digest.map { $0 + [UInt8](repeating: 0, count: max(0, reportData.count - $0.count)) }
        verdict.check(
            AzureCheck.hwReportDataBindsRuntimeData, expected == reportData,
            expected: expected.map { "REPORT_DATA = hash of the HCL runtime data, zero-padded: \(Hex.encode($0))" }
                ?? "a known runtime-data hash type (1 SHA-256, 2 SHA-384, 3 SHA-512)",
            observed: digest == nil ? "hash type \(hcl.runtimeDataHashType)" : "REPORT_DATA \(Hex.encode(reportData))")
    }

    /// When runtime data is expected and the HCL `user-data` is set (not all zero): it must equal SHA-512 of it.
    func checkUserData(_ runtime: HCLRuntimeData, context: VerificationContext, into verdict: inout Verdict) {
        guard let expectation = context.expectedReportData, let text = runtime.userData else { return }
        let userData = runtime.userDataBytes
        guard userData?.allSatisfy({ $0 == 0 }) != true else {
            verdict.notes.append("the HCL user-data is zero: only the vTPM quote binds the runtime data")
            return
        }
        let expected = expectation.bytes(for: .sha512, length: 64)
        verdict.check(
            AzureCheck.userDataBindsRuntimeData, userData == expected,
            expected: "HCL user-data = SHA-512 of the runtime data \(Hex.encode(expected))", observed: text.lowercased())
    }
}
