public import AttestationCore
import NIOHTTP1
public import TPM

extension AssayClient {
    /// `POST /v1/tpm/enrollments`: opens the enrollment of an attestation key (the service checks the EK
    /// certificate against its TPM EK CAs and answers a credential challenge).
    public func enroll(_ request: EnrollmentRequest) async throws -> PendingEnrollment {
        var body: [String: JSONValue] = [
            "ek_public": .string(Base64.encode(request.ekPublic)), "ak_public": .string(Base64.encode(request.akPublic)),
        ]
        body["ek_certificate"] = request.ekCertificate.map { .string(Base64.encode($0)) }
        let path = "/v1/tpm/enrollments"
        let answer = try await send(.POST, path, body: .object(body))
        guard let id = answer["id"]?.stringValue, let akName = answer["ak_name"]?.stringValue,
            let blob = answer["credential_blob"]?.stringValue, let secret = answer["encrypted_secret"]?.stringValue,
            let expiresAt = answer["expires_at"]?.stringValue,
            let challenge = try? CredentialChallenge(credentialBlob: Base64.decode(blob), encryptedSecret: Base64.decode(secret))
        else {
            throw AttesterError.transport(
                url: baseURL + path, reason: "the answer lacks id, ak_name, credential_blob, encrypted_secret or expires_at")
        }
        return PendingEnrollment(id: id, akName: akName, challenge: challenge, expiresAt: expiresAt)
    }

    /// `POST /v1/tpm/enrollments/{id}/activation`: answers a pending enrollment with the credential the TPM
    /// recovered; the service's answer names the activated AK (`ak_name`, `activated_at`, `ek_certificate`).
    public func activate(enrollment id: String, with response: CredentialResponse) async throws -> JSONValue {
        try await send(
            .POST, "/v1/tpm/enrollments/\(id)/activation", body: .object(["secret": .string(Base64.encode(response.secret))]))
    }
}
