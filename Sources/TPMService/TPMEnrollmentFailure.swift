import AttestationCore
import Server

/// Why the TPM enrollment use case refused a request, and how the API answers it.
enum TPMEnrollmentFailure: Error, ProblemConvertible {
    /// The request cannot be evaluated (malformed public areas or certificate).
    case invalidRequest(String)
    /// Enrollment checks failed; every failure is listed (audited under `auditID`, when recorded).
    case rejected(Verdict, stage: String, hint: String, auditID: Int64?)
    /// The pending enrollment has expired.
    case expired(id: String, lifetime: Int)
    /// No such pending enrollment (never opened, already answered, or swept).
    case unknown(id: String)
    /// The pending enrollment was sealed with another key-encryption key.
    case kekMismatch(id: String, sealedWith: String, current: String)
    /// The AK is already activated against another EK.
    case boundToAnotherEK(akName: String, auditID: Int64)

    static let enrollmentExpired = ProblemType(
        name: "tpm-enrollment-expired", status: 410, title: "The pending enrollment has expired")
    static let enrollmentUnknown = ProblemType(
        name: "tpm-enrollment-unknown", status: 404, title: "No such pending enrollment")
    static let enrollmentRejected = ProblemType(
        name: "tpm-enrollment-rejected", status: 422, title: "The attestation key cannot be enrolled")
    static let akBoundToAnotherEK = ProblemType(
        name: "tpm-ak-bound-to-another-ek", status: 409, title: "The attestation key is bound to another EK")

    var problem: Problem {
        switch self {
        case .invalidRequest(let reason):
            Problem(.invalidRequest, reason)
        case .rejected(let verdict, let stage, let hint, let auditID):
            Problem(
                Self.enrollmentRejected, "\(stage): " + verdict.failures.map(\.description).joined(separator: "; ") + hint,
                extensions: ["failures": .array(verdict.failures.map(\.json))].merging(
                    auditID.map { ["audit_id": JSONValue.integer($0)] } ?? [:], uniquingKeysWith: { first, _ in first }))
        case .expired(let id, let lifetime):
            Problem(
                Self.enrollmentExpired,
                "enrollment \(id) expired (pending enrollments live \(lifetime) s, nonce_ttl); enroll again with POST /v1/tpm/enrollments")
        case .unknown(let id):
            Problem(
                Self.enrollmentUnknown,
                "enrollment \(id) was never opened by this service, has already been answered (one answer per enrollment, right or wrong) or expired; enroll again with POST /v1/tpm/enrollments")
        case .kekMismatch(let id, let sealedWith, let current):
            Problem(
                .kekMismatch,
                "enrollment \(id) was sealed with key-encryption key \(sealedWith) but this replica runs with \(current); start every replica with the same KEK (assay kek rotate re-wraps stored keys), then enroll again")
        case .boundToAnotherEK(let akName, let auditID):
            Problem(
                Self.akBoundToAnotherEK,
                "AK \(akName) is already activated against another EK; an AK with fixedTPM cannot move between TPMs, so this enrollment is refused; create a new AK",
                extensions: ["audit_id": .integer(auditID)])
        }
    }
}
