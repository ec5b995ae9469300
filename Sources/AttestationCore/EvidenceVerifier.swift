/// Verifies one TEE's evidence: signatures, chains to pinned roots, revocation, collateral validity, binding.
///
/// Returns a ``Verdict`` listing every failed check; throws only when the evidence or its collateral cannot be
/// evaluated at all (malformed bytes, missing collateral). A verifier never appraises: "debug is on" or "TCB is
/// old" are claims for the appraisal policy, not failures.
public protocol EvidenceVerifier: Sendable {
    /// The TEE this verifier handles.
    var tee: TEEKind { get }
    /// How this TEE binds runtime data into its evidence.
    var binding: ReportDataBinding { get }
    /// Whether anyone can produce evidence this verifier accepts (a development TEE with a public root): a service
    /// enables such a TEE only when its operator asks for it.
    var isDevelopmentOnly: Bool { get }
    /// Verifies `evidence` in `context`.
    func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict
}

extension EvidenceVerifier {
    /// Hardware TEEs: evidence only genuine hardware can sign.
    public var isDevelopmentOnly: Bool { false }
}

/// Shows every field of a TEE's evidence readably, without verifying anything (`assay inspect`).
public protocol EvidenceInspector: Sendable {
    /// The TEE this inspector handles.
    var tee: TEEKind { get }
    /// Parses `evidence` and describes it; throws when it is malformed.
    func inspect(_ evidence: Evidence) throws -> Inspection
}
