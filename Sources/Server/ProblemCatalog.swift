import AttestationCore

/// How the core's domain errors are answered over HTTP: one place that maps each use case's failures to a
/// ``ProblemType`` and a detail naming the cause and the fix.
enum ProblemCatalog {
    static let challengeHint = "get a fresh one from POST /v1/challenge"
}

extension AttestationFailure: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .missingNonce:
            Problem(.invalidRequest, "runtime_data has no \"nonce\"; \(ProblemCatalog.challengeHint)")
        case .nonceExpired(let nonce, let lifetime):
            Problem(.nonceExpired, "nonce \(nonce) expired (nonces live \(lifetime) s); \(ProblemCatalog.challengeHint)")
        case .nonceUnknown(let nonce):
            Problem(
                .nonceUnknown,
                "nonce \(AuditEntry.cut(nonce, 64)) was never issued by this service or has already been used; \(ProblemCatalog.challengeHint)")
        case .unsupportedTEE(let tee, let enabled):
            Problem(
                .unsupportedTEE,
                "this service does not accept evidence of TEE \"\(AuditEntry.cut(tee, 32))\"; it accepts \(enabled.joined(separator: ", "))")
        case .policyNotSelectable(let id, let selectable):
            Problem(
                .policyNotSelectable,
                "the operator chooses the appraisal policy; \"\(id)\" is not one attesters may name"
                    + (selectable.isEmpty
                        ? " (none are selectable on this service: omit \"policy\")"
                        : " (selectable: \(selectable.joined(separator: ", ")))"))
        case .unknownPolicy(let id, let builtIn):
            Problem(
                .unknownPolicy,
                "no usable policy '\(id)' is stored; upload it with PUT /v1/policies/\(id), or omit \"policy\" to use \(builtIn)")
        case .invalidStoredPolicy(let id, let reason):
            Problem(.invalidPolicy, "\(reason); fix it with PUT /v1/policies/\(id)")
        case .policyFailed(let reason):
            Problem(.policyError, "\(reason); fix the policy (assay policy eval reproduces it) or choose another one")
        case .invalidEvidence(let reason):
            Problem(.invalidEvidence, reason)
        case .rejected(let verdict, let auditID):
            Problem(
                .evidenceRejected,
                "evidence rejected: "
                    + verdict.failures.map { "\($0.check) (expected \($0.expected), observed \($0.observed))" }
                    .joined(separator: "; "),
                extensions: ["failures": .array(verdict.failures.map(\.json)), "audit_id": .integer(auditID)])
        case .deadlineExceeded:
            WorkerPool.Refusal.deadlineExceeded.problem
        }
    }
}

extension ReleaseFailure: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .invalidPath(let reason):
            Problem(.invalidRequest, reason)
        case .tokenRequired(let issuer):
            Problem(
                .tokenRequired,
                "send 'Authorization: Bearer <token>' with a token from POST /v1/attest requested with \"audience\": \"\(issuer)\"")
        case .invalidToken(let reason, let issuer):
            Problem(
                .invalidToken,
                "\(reason); attest again (POST /v1/attest with \"audience\": \"\(issuer)\") for a fresh token")
        case .noTEEKey(let reason):
            Problem(.noTEEKey, reason)
        case .teeKeyMismatch:
            Problem(
                .teeKeyMismatch,
                "the request's tee_pubkey is not the key the token attests; secrets are only sealed to the attested TEE key")
        case .denied(let decision, let path):
            Problem(
                .releaseDenied,
                "release of \(path) denied by \(decision.rule)"
                    + (decision.reasons.isEmpty ? "" : " because " + decision.reasons.joined(separator: "; ")),
                extensions: [
                    "rule": .string(decision.prefix.isEmpty ? "default-deny" : "data.assay.release.allow"),
                    "policy_prefix": .string(decision.prefix), "reasons": .array(decision.reasons.map(JSONValue.string)),
                ])
        case .notFound(let path):
            Problem(.notFound, "no secret at \(path); store it with PUT /v1/secrets/\(path) (assay secret put)")
        case .policyFailed(let prefix, let reason):
            Problem(.policyError, "\(reason); upload a corrected policy with PUT /v1/resource-policies/\(prefix)")
        case .internalError:
            Problem.internalError
        }
    }
}

extension AdminFailure: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .invalidRequest(let reason): Problem(.invalidRequest, reason)
        case .notFound(let what): Problem(.notFound, what)
        case .invalidPolicy(let reason, let code):
            Problem(.invalidPolicy, reason, extensions: code.map { ["code": .string($0)] } ?? [:])
        }
    }
}

extension WorkerPool.Refusal: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .overloaded:
            Problem(
                .overloaded, "every worker is busy and the queue is full (max_pending_requests); retry shortly",
                retryAfter: 1)
        case .deadlineExceeded:
            Problem(
                .deadlineExceeded,
                "the request took longer than the service allows (request_timeout) and was stopped; retry, and if it keeps happening send less collateral or a simpler policy",
                retryAfter: 1)
        }
    }
}
