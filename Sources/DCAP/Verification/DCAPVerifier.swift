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
/// the context's provider via ``pcs``. Parsed chains and collateral, signature results and the whole collateral
/// half of a verdict are memoised in ``cache`` by exact bytes (``PlatformKey``), so a quote of a platform seen
/// before costs its quote signature check and parsing.
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
        let chain = try cache.chain(certification.data)
        let anchors = try anchors(context)
        var verdict = Verdict(tee: quote.tee, claims: quote.claims)
        if quote.trailingByteCount > 0 {
            verdict.notes.append(
                "\(quote.trailingByteCount) bytes follow the quote's signature data; they are not signed and were ignored")
        }
        if let note = quote.reservedFields.note { verdict.notes.append(note) }
        QuoteVerification.checkQuote(quote, leaf: chain.leaf, cache: cache, &verdict)
        func run(_ collateral: DCAPCollateral) -> QuoteVerification {
            QuoteVerification(
                quote: quote, chain: chain, anchors: anchors, collateral: collateral, context: context, cache: cache, pcs: pcs)
        }
        var collateral = try cache.collateral(context.collateral)
        var fetched: (items: [CollateralItem], failures: [IntelPCS.Document: String]) = ([], [:])
        if let provider = context.collateralProvider {
            var fetching = run(collateral)
            await fetching.fetchMissing(from: provider)
            collateral = fetching.collateral
            fetched = (fetching.fetched, fetching.fetchFailures)
        }
        let key = PlatformKey(
            quote: quote, chain: chain, pem: certification.data, items: context.collateral + fetched.items,
            collateral: collateral, anchors: anchors, context: context)
        verdict.append(
            try cache.platform(key) {
                var platform = run(collateral)
                platform.fetchFailures = fetched.failures
                return try platform.platformVerdict()
            })
        try QuoteVerification.checkEventLog(
            quote, table: evidence.attachments[Evidence.ccelTableAttachment],
            log: evidence.attachments[Evidence.eventLogAttachment], &verdict)
        verdict.checkReportData(quote.body.reportData, binding: binding, context: context)
        return verdict
    }

    /// The pinned roots: the context's override, or the built-in Intel SGX Root CA.
    func anchors(_ context: VerificationContext) throws -> [DCAPCertificate] {
        try (context.trustAnchors ?? [IntelRootCA.anchor.get()]).map(cache.anchor)
    }
}
