/// A problem type of the API (RFC 9457): a stable name clients switch on (`type` is `urn:assay:problem:` + name),
/// its HTTP status and a fixed title. Every type the service answers with is declared here or, for a service
/// plug-in's own routes, in the plug-in; the metrics count refusals by these names only.
public struct ProblemType: Sendable, Hashable {
    /// Stable short name.
    public let name: String
    /// HTTP status.
    public let status: Int
    /// A short, fixed summary.
    public let title: String

    public init(name: String, status: Int, title: String) {
        self.name = name
        self.status = status
        self.title = title
    }

    /// The `type` URI.
    public var uri: String { "urn:assay:problem:\(name)" }

    public static let invalidRequest = ProblemType(name: "invalid-request", status: 400, title: "The request is malformed")
    public static let notFound = ProblemType(name: "not-found", status: 404, title: "No such resource")
    public static let methodNotAllowed = ProblemType(
        name: "method-not-allowed", status: 405, title: "The method is not allowed on this resource")
    public static let payloadTooLarge = ProblemType(
        name: "payload-too-large", status: 413, title: "The request body is too large")
    public static let unsupportedMediaType = ProblemType(
        name: "unsupported-media-type", status: 415, title: "The request body has the wrong content type")
    public static let unauthorized = ProblemType(name: "unauthorized", status: 401, title: "Admin authentication required")
    public static let adminDisabled = ProblemType(name: "admin-disabled", status: 401, title: "The admin API is disabled")
    public static let internalError = ProblemType(name: "internal", status: 500, title: "Internal server error")
    public static let overloaded = ProblemType(name: "overloaded", status: 503, title: "The service is at capacity")
    public static let deadlineExceeded = ProblemType(
        name: "deadline-exceeded", status: 503, title: "The request took longer than the service allows")

    public static let nonceExpired = ProblemType(name: "nonce-expired", status: 410, title: "The nonce has expired")
    public static let nonceUnknown = ProblemType(
        name: "nonce-unknown", status: 409, title: "The nonce is unknown or already used")
    public static let unsupportedTEE = ProblemType(name: "unsupported-tee", status: 400, title: "No verifier for this TEE")
    public static let invalidEvidence = ProblemType(
        name: "invalid-evidence", status: 400, title: "The evidence cannot be evaluated")
    public static let evidenceRejected = ProblemType(
        name: "evidence-rejected", status: 422, title: "The evidence failed verification")
    public static let unknownPolicy = ProblemType(name: "unknown-policy", status: 400, title: "No such appraisal policy")
    public static let policyNotSelectable = ProblemType(
        name: "policy-not-selectable", status: 403, title: "The appraisal policy cannot be chosen by an attester")
    public static let invalidPolicy = ProblemType(name: "invalid-policy", status: 400, title: "The policy does not compile")
    public static let policyError = ProblemType(name: "policy-error", status: 500, title: "The policy failed")

    public static let tokenRequired = ProblemType(
        name: "token-required", status: 401, title: "An attestation token is required")
    public static let invalidToken = ProblemType(
        name: "invalid-token", status: 401, title: "The attestation token is not acceptable")
    public static let noTEEKey = ProblemType(name: "no-tee-key", status: 403, title: "The token carries no usable TEE key")
    public static let teeKeyMismatch = ProblemType(
        name: "tee-key-mismatch", status: 403, title: "The key differs from the attested one")
    public static let releaseDenied = ProblemType(
        name: "release-denied", status: 403, title: "The resource policy refused the release")
    public static let kekMismatch = ProblemType(
        name: "kek-mismatch", status: 500, title: "This replica holds another key-encryption key")
}
