public import AttestationCore
import TPM
public import TPMDevice

extension TPMAttester {
    /// Enrolls `key` with an Assay service by credential activation: sends the EK certificate and public areas,
    /// answers the service's challenge with TPM2_ActivateCredential under the EK, and returns the service's answer
    /// (`ak_name`, `activated_at`, …). Afterwards the service trusts quotes signed by `key`.
    public func enroll(_ key: TPMClient.CreatedKey, with service: AssayClient) async throws -> JSONValue {
        let pending = try await service.enroll(try enrollmentRequest(for: key))
        return try await service.activate(enrollment: pending.id, with: try activate(pending.challenge, for: key))
    }
}
