import AttestationCore
import Foundation
import Logging
import Storage
import TPM
import Tokens

/// The TPM attestation-key registrar behind `/v1/tpm/enrollments`: checks an attester's EK certificate and AK,
/// makes a credential that only the TPM holding that EK can recover for that AK (TPM2_MakeCredential), keeps it
/// sealed with the key-encryption key in the store until the answer arrives at any replica, and registers the AK
/// as activated when the answer matches — after which the TPM verifier trusts quotes signed by it.
///
/// A pending enrollment takes exactly one answer, right or wrong, and lives as long as a nonce (`nonce_ttl`).
struct TPMEnrollmentService: Sendable {
    let store: any AssayStore
    let keyRing: KeyRing
    let registry: StoredAttestationKeyRegistry
    /// The EK certificate authorities (`tpm_ek_roots`); nil: none configured, every enrollment is refused.
    let roots: TPMEndorsementRoots?
    /// How long a pending enrollment can be answered.
    let lifetime: TimeInterval
    let clock: any TimeSource
    let random: any RandomSource
    let logger: Logger

    /// Checks the request and opens a pending enrollment; answers its id and the credential challenge, or throws
    /// a ``Problem`` (422 naming every failed check).
    func enroll(_ request: EnrollmentRequest, client: String) async throws -> JSONValue {
        let now = clock.now()
        let enrollment: AttestationKeyEnrollment
        do {
            enrollment = try await self.enrollment(request, at: now)
        } catch let error as TPMError {
            throw Problem.invalidRequest("\(error)")
        }
        let akName = Hex.encode(try enrollment.ak.name())
        guard enrollment.preliminary.isValid, let certificate = request.ekCertificate else {
            try await audit("tpm-enroll", outcome: "rejected", akName: akName, failures: enrollment.preliminary, client: client, at: now)
            throw rejected(enrollment.preliminary, stage: "enrollment of AK \(akName) refused")
        }
        let id = Nonce.random(using: random).encoded
        let kek = try await keyRing.kek
        let expiresAt = now.addingTimeInterval(lifetime)
        try await store.insertTPMEnrollment(
            TPMEnrollmentRecord(
                id: id, ekPublic: request.ekPublic, akPublic: request.akPublic, ekCertificate: certificate,
                sealedSecret: try kek.seal(enrollment.expectedSecret, context: KeyEncryptionKey.tpmEnrollmentContext(id: id)),
                kekID: kek.identifier, createdAt: now, expiresAt: expiresAt))
        try await audit("tpm-enroll", outcome: "challenged", akName: akName, failures: nil, client: client, at: now)
        return [
            "id": .string(id), "ak_name": .string(akName),
            "credential_blob": .string(Base64.encode(enrollment.challenge.credentialBlob)),
            "encrypted_secret": .string(Base64.encode(enrollment.challenge.encryptedSecret)),
            "expires_at": .string(RFC3339.format(expiresAt)),
        ]
    }

    /// Completes a pending enrollment with the attester's answer (the enrollment is used up either way);
    /// registers the AK when every check passed, or throws a ``Problem`` (404, 410, 422).
    func activate(id: String, response: CredentialResponse, client: String) async throws -> JSONValue {
        let now = clock.now()
        let record: TPMEnrollmentRecord
        switch try await store.takeTPMEnrollment(id: id, at: now) {
        case .taken(let taken): record = taken
        case .expired:
            throw Problem(
                status: 410, name: "tpm-enrollment-expired", title: "The pending enrollment has expired",
                detail: "enrollment \(id) expired (pending enrollments live \(Int(lifetime)) s, nonce_ttl); enroll again with POST /v1/tpm/enrollments")
        case .unknown:
            throw Problem(
                status: 404, name: "tpm-enrollment-unknown", title: "No such pending enrollment",
                detail: "enrollment \(id) was never opened by this service, has already been answered (one answer per enrollment, right or wrong) or expired; enroll again with POST /v1/tpm/enrollments")
        }
        var secret = try await keyRing.kek.open(record.sealedSecret, context: KeyEncryptionKey.tpmEnrollmentContext(id: record.id))
        defer { SecureWipe.wipe(&secret) }
        let enrollment = try await self.enrollment(
            EnrollmentRequest(ekCertificate: record.ekCertificate, ekPublic: record.ekPublic, akPublic: record.akPublic),
            restoring: secret, at: now)
        let outcome = try enrollment.complete(with: response, at: now)
        let akName = Hex.encode(try enrollment.ak.name())
        guard let key = outcome.activatedKey else {
            try await audit("tpm-activate", outcome: "rejected", akName: akName, failures: outcome.verdict, client: client, at: now)
            throw rejected(outcome.verdict, stage: "activation of AK \(akName) refused")
        }
        try await registry.register(key)
        try await audit("tpm-activate", outcome: "activated", akName: akName, failures: nil, client: client, at: now)
        logger.notice("activated a TPM attestation key", metadata: ["ak_name": "\(akName)", "client": "\(client)"])
        var answer: [String: JSONValue] = [
            "ak_name": .string(akName), "ak_public": .string(enrollment.ak.keyDescription),
            "activated_at": .string(RFC3339.format(key.activatedAt)),
        ]
        answer["ek_certificate"] = outcome.verdict.claims["ek_certificate"]
        return .object(answer)
    }

    /// Runs the enrollment checks as of `instant` with the configured EK certificate authorities: a new challenge,
    /// or the pending enrollment whose credential is `expectedSecret`.
    func enrollment(_ request: EnrollmentRequest, restoring expectedSecret: [UInt8]? = nil, at instant: Date) async throws
        -> AttestationKeyEnrollment
    {
        let plain = VerificationContext(asOf: instant)
        let context = roots?.applied(to: plain) ?? plain
        let random = self.random
        guard let expectedSecret else {
            return try await AttestationKeyEnrollment(request: request, context: context, random: random)
        }
        return try await AttestationKeyEnrollment(request: request, expectedSecret: expectedSecret, context: context, random: random)
    }

    /// The 422 answer naming every failed check.
    func rejected(_ verdict: Verdict, stage: String) -> Problem {
        let hint =
            roots == nil && verdict.failures.contains { $0.check == "ek_certificate_chain" }
            ? "; this service trusts no TPM EK CA: start assay serve with --tpm-ek-roots FILE_OR_DIR" : ""
        return Problem(
            status: 422, name: "tpm-enrollment-rejected", title: "The attestation key cannot be enrolled",
            detail: "\(stage): " + verdict.failures.map(\.description).joined(separator: "; ") + hint,
            extensions: ["failures": .array(verdict.failures.map(\.json))])
    }

    func audit(_ kind: String, outcome: String, akName: String, failures verdict: Verdict?, client: String, at instant: Date)
        async throws
    {
        var detail: [String: JSONValue] = ["ak_name": .string(akName)]
        detail["failures"] = verdict.map { .array($0.failures.map(\.json)) }
        _ = try await store.appendAudit(
            AuditRecord(
                at: instant, kind: kind, client: client, tee: TEEKind.tpm.rawValue, nonce: nil, outcome: outcome,
                claimsSHA256: "", policyID: "", policySHA256: "", detail: JSONValue.object(detail).compactText))
    }
}
