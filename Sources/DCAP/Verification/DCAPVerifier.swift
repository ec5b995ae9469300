public import AttestationCore
import Foundation

/// Verifies Intel DCAP quotes: TDX (v4, v5) or SGX (v3), one verifier per TEE.
///
/// Checks, each a named verdict entry (expected vs observed when it fails):
/// - the quote: `qe_vendor_id`, `attestation_key_on_curve`, `quote_signature` (attestation key over header ‖
///   body), `qe_report_signature` (PCK key over the QE report), `qe_report_data_binds_attestation_key`;
/// - the PCK chain: `pck_certificate_subject`, `pck_root_pinned`, `pck_chain_signatures`, `pck_chain_validity`,
///   `pck_chain_ca_constraints`;
/// - revocation: `root_crl_signature`, `root_crl_validity`, `pck_intermediate_not_revoked`, `pck_crl_signature`,
///   `pck_crl_validity`, `pck_not_revoked`;
/// - TCB info and QE identity (`tcb_info_*`, `qe_identity_*`): signature over the exact signed bytes, issuer
///   chain to the pinned root, issuer not revoked, issue/next-update window, PCE ID, QE report match;
/// - the TCB status (`tcb_status_not_revoked`, `tdx_module_identity`), the report-data binding, and the CCEL
///   event log replay (`ccel_acpi_table_checksum`, `ccel_replay_matches_rtmr0…3`) when one is attached.
///
/// TCB status, advisories, debug mode and measurements are claims for the appraisal policy, not failures.
/// Collateral comes from the context (any mix of files, bundles and PCS responses) or, for what is missing, from
/// the context's provider via ``pcs``; results that do not depend on the instant are memoised in ``cache``.
public struct DCAPVerifier: EvidenceVerifier {
    public let tee: TEEKind
    public let binding = ReportDataBinding.sha512
    /// Where missing collateral is fetched from, through the context's provider.
    public let pcs: IntelPCS
    /// Memoised per-platform results.
    public let cache: DCAPCache

    /// A verifier for `tee` (``TEEKind/tdx`` or ``TEEKind/sgx``).
    public init(tee: TEEKind, pcs: IntelPCS = .intel, cache: DCAPCache = DCAPCache()) {
        self.tee = tee
        self.pcs = pcs
        self.cache = cache
    }

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        let quote = try Quote(parsing: evidence.bytes)
        guard quote.tee == tee else { throw DCAPError.wrongTEE(expected: tee, found: quote.tee) }
        let certification = quote.qe.certificationData
        guard certification.type == CertificationDataType.pckCertificateChain else {
            throw DCAPError.unsupportedCertificationData(type: certification.type)
        }
        var run = QuoteVerification(
            quote: quote, chain: try cache.chain(certification.data), anchors: try anchors(context),
            collateral: try cache.collateral(context.collateral), context: context, cache: cache, pcs: pcs)
        if let provider = context.collateralProvider {
            await run.fetchMissing(from: provider)
        }
        var verdict = run.initialVerdict()
        try run.requireCollateral(&verdict)
        run.checkQuote(&verdict)
        run.checkPCKChain(&verdict)
        run.checkRevocation(&verdict)
        let qeStatus = run.checkQEIdentity(&verdict)
        run.checkTCBInfo(qeStatus: qeStatus, &verdict)
        try run.checkEventLog(
            table: evidence.attachments[Evidence.ccelTableAttachment], log: evidence.attachments[Evidence.eventLogAttachment],
            &verdict)
        verdict.checkReportData(quote.body.reportData, binding: binding, context: context)
        return verdict
    }

    /// The pinned roots: the context's override, or the built-in Intel SGX Root CA.
    func anchors(_ context: VerificationContext) throws -> [DCAPCertificate] {
        try (context.trustAnchors ?? [IntelRootCA.anchor.get()]).map(cache.anchor)
    }
}
