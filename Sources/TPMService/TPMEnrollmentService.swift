import AttestationCore
import Crypto
import Foundation
import Logging
import Server
import Storage
import TPM
import Tokens

/// The TPM attestation-key registrar behind `/v1/tpm/enrollments`: checks an attester's EK certificate and AK,
/// makes a credential that only the TPM holding that EK can recover for that AK (TPM2_MakeCredential), keeps it
/// sealed with the key-encryption key in the store until the answer arrives at any replica, and registers the AK as
/// activated when the answer matches — after which the TPM verifier trusts quotes signed by it.
///
/// A pending enrollment takes exactly one answer, right or wrong, and lives as long as a nonce (`nonce_ttl`).
/// Refusals before an AK is activated come from unauthenticated callers: they go to the bounded ``RefusalLog``.
struct TPMEnrollmentService: Sendable {
    let store: any TPMEnrollmentStore
    let refusals: RefusalLog
    let kek: KeyEncryptionKey
    let registry: StoredAttestationKeyRegistry
    /// The EK certificate authorities (`tpm_ek_roots`); nil: none configured, every enrollment is refused.
    let roots: TPMEndorsementRoots?
    /// How long a pending enrollment can be answered.
    let lifetime: TimeInterval
    let clock: any TimeSource
    let random: any RandomSource
    let logger: Logger

    /// The context that binds a sealed credential to its enrollment and to the request it answers, so that a row
    /// altered to name another AK or EK no longer opens.
    static func sealingContext(_ record: EnrollmentRequest, id: String) -> String {
        var digest = SHA256()
        for part in [record.ekPublic, record.akPublic, record.ekCertificate ?? []] {
            digest.update(data: [UInt8(truncatingIfNeeded: part.count >> 24), UInt8(truncatingIfNeeded: part.count >> 16),
                                 UInt8(truncatingIfNeeded: part.count >> 8), UInt8(truncatingIfNeeded: part.count)])
            digest.update(data: part)
        }
        return "tpm-enrollment-secret:\(id):\(Hex.encode(digest.finalize()))"
    }

    /// Checks the request and opens a pending enrollment; answers its id and the credential challenge.
    func enroll(_ request: EnrollmentRequest, client: String) async throws -> JSONValue {
        let now = clock.now()
        let enrollment: AttestationKeyEnrollment
        do {
            enrollment = try await self.enrollment(request, at: now)
        } catch let error as TPMError {
            throw TPMEnrollmentFailure.invalidRequest("\(error)")
        }
        let akName = Hex.encode(try enrollment.ak.name())
        let id = Nonce.random(using: random).encoded
        let subject = AuditSubject(enrollment: id, akName: akName, ekCertificate: request.ekCertificate)
        guard enrollment.preliminary.isValid, let certificate = request.ekCertificate else {
            let audit = try await refusals.record(
                auditRecord("tpm-enroll", outcome: "rejected", subject, failures: enrollment.preliminary, client: client, at: now),
                reason: TPMEnrollmentFailure.enrollmentRejected.name)
            throw rejected(enrollment.preliminary, stage: "enrollment of AK \(akName) refused", auditID: audit?.id)
        }
        let expiresAt = now.addingTimeInterval(lifetime)
        try await store.insertEnrollment(
            TPMEnrollmentRecord(
                id: id, ekPublic: request.ekPublic, akPublic: request.akPublic, ekCertificate: certificate,
                sealedSecret: try kek.seal(enrollment.expectedSecret, context: Self.sealingContext(request, id: id)),
                kekID: kek.identifier, createdAt: now, expiresAt: expiresAt))
        try await refusals.record(
            auditRecord("tpm-enroll", outcome: "challenged", subject, failures: nil, client: client, at: now),
            reason: "challenged")
        return [
            "id": .string(id), "ak_name": .string(akName),
            "credential_blob": .string(Base64.encode(enrollment.challenge.credentialBlob)),
            "encrypted_secret": .string(Base64.encode(enrollment.challenge.encryptedSecret)),
            "expires_at": .string(RFC3339.format(expiresAt)),
        ]
    }

    /// Completes a pending enrollment with the attester's answer (the enrollment is used up either way); registers
    /// the AK when every check passed.
    func activate(id: String, response: CredentialResponse, client: String) async throws -> JSONValue {
        let now = clock.now()
        let record: TPMEnrollmentRecord
        switch try await store.takeEnrollment(id: id, at: now) {
        case .taken(let taken): record = taken
        case .expired: throw TPMEnrollmentFailure.expired(id: id, lifetime: Int(lifetime))
        case .unknown: throw TPMEnrollmentFailure.unknown(id: id)
        }
        guard record.kekID == kek.identifier else {
            logger.error(
                "a pending TPM enrollment was sealed with another key-encryption key",
                metadata: ["enrollment": "\(id)", "sealed_with": "\(record.kekID)", "kek_id": "\(kek.identifier)"])
            throw TPMEnrollmentFailure.kekMismatch(id: id, sealedWith: record.kekID, current: kek.identifier)
        }
        let request = EnrollmentRequest(ekCertificate: record.ekCertificate, ekPublic: record.ekPublic, akPublic: record.akPublic)
        var secret = try kek.open(record.sealedSecret, context: Self.sealingContext(request, id: record.id))
        defer { SecureWipe.wipe(&secret) }
        let enrollment = try await self.enrollment(request, restoring: secret, at: now)
        let outcome = try enrollment.complete(with: response, at: now)
        let akName = Hex.encode(try enrollment.ak.name())
        let subject = AuditSubject(enrollment: id, akName: akName, ekCertificate: record.ekCertificate)
        guard let key = outcome.activatedKey else {
            let audit = try await refusals.record(
                auditRecord("tpm-activate", outcome: "rejected", subject, failures: outcome.verdict, client: client, at: now),
                reason: TPMEnrollmentFailure.enrollmentRejected.name)
            throw rejected(outcome.verdict, stage: "activation of AK \(akName) refused", auditID: audit?.id)
        }
        guard
            try await registry.activate(
                key, audit: auditRecord("tpm-activate", outcome: "activated", subject, failures: nil, client: client, at: now))
                != nil
        else {
            let audit = try await refusals.record(
                auditRecord("tpm-activate", outcome: "ek-conflict", subject, failures: nil, client: client, at: now),
                reason: TPMEnrollmentFailure.akBoundToAnotherEK.name)
            throw TPMEnrollmentFailure.boundToAnotherEK(akName: akName, auditID: audit?.id ?? 0)
        }
        logger.notice("activated a TPM attestation key", metadata: ["ak_name": "\(akName)", "client": "\(client)"])
        var answer: [String: JSONValue] = [
            "ak_name": .string(akName), "ak_public": .string(enrollment.ak.keyDescription),
            "activated_at": .string(RFC3339.format(key.activatedAt)),
            "expires_at": .string(RFC3339.format(key.activatedAt.addingTimeInterval(registry.lifetime))),
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

    /// The refusal naming every failed check.
    func rejected(_ verdict: Verdict, stage: String, auditID: Int64?) -> TPMEnrollmentFailure {
        let hint =
            roots == nil && verdict.failures.contains { $0.check == TPMCheck.certificateChain(role: "ek").rawValue }
            ? "; this service trusts no TPM EK CA: start assay serve with --tpm-ek-roots FILE_OR_DIR" : ""
        return .rejected(verdict, stage: stage, hint: hint, auditID: auditID)
    }

    /// What an audit record of an enrollment step names: the enrollment, the AK and the EK certificate's digest.
    struct AuditSubject {
        let enrollment: String
        let akName: String
        let ekCertificate: [UInt8]?
    }

    func auditRecord(
        _ kind: String, outcome: String, _ subject: AuditSubject, failures verdict: Verdict?, client: String, at instant: Date
    ) -> AuditRecord {
        var detail: [String: JSONValue] = ["enrollment": .string(subject.enrollment), "ak_name": .string(subject.akName)]
        detail["ek_certificate_sha256"] = subject.ekCertificate.map { .string(Hex.encode(SHA256.hash(data: $0))) }
        detail["failures"] = verdict.map { .array($0.failures.map(\.json)) }
        return AuditEntry.make(at: instant, kind: kind, client: client, tee: TEEKind.tpm.rawValue, outcome: outcome, detail: detail)
    }
}
