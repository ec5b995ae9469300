public import TPM

/// What `assay serve` hands the composition root to build its verifiers with: the TPM attestation keys activated
/// through its enrollment endpoints (in the store, so shared by every replica) and the configured TPM EK
/// certificate authorities.
public struct VerifierEnvironment: Sendable {
    /// The activated TPM attestation keys.
    public let attestationKeys: StoredAttestationKeyRegistry
    /// The TPM EK certificate authorities (`tpm_ek_roots`), if configured.
    public let tpmRoots: TPMEndorsementRoots?
}
