public import TPM

/// An attestation-key enrollment an Assay service has opened (`POST /v1/tpm/enrollments`): its id, the credential
/// challenge only the TPM holding the enrolled EK can answer, and until when the service accepts the answer.
public struct PendingEnrollment: Sendable, Hashable {
    /// The enrollment id, for `POST /v1/tpm/enrollments/{id}/activation`.
    public let id: String
    /// The AK's TPM name as the service computed it (lowercase hex).
    public let akName: String
    /// The TPM2_MakeCredential output to run TPM2_ActivateCredential on.
    public let challenge: CredentialChallenge
    /// When the service stops accepting the answer (RFC 3339).
    public let expiresAt: String

    public init(id: String, akName: String, challenge: CredentialChallenge, expiresAt: String) {
        self.id = id
        self.akName = akName
        self.challenge = challenge
        self.expiresAt = expiresAt
    }
}
