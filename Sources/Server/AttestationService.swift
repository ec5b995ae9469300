import Appraisal
import Attestation
import AttestationCore
import Crypto
import Foundation
import Logging
import Storage

/// The attestation use case behind `/v1/challenge` and `/v1/attest`: nonces, verification, appraisal, token,
/// and an audit record committed before the answer leaves.
struct AttestationService: Sendable {
    let store: any AssayStore
    let keyRing: KeyRing
    let referenceValues: ReferenceValueCache
    let verifiers: [any EvidenceVerifier]
    let policies: AppraisalPolicies
    let configuration: ServerConfiguration
    let issuer: IssuerURL
    let clock: any TimeSource
    let random: any RandomSource
    let metrics: ServerMetrics
    let collateralProvider: (any CollateralProvider)?
    let logger: Logger

    /// Issues a fresh single-use nonce.
    func challenge() async throws -> JSONValue {
        let nonce = Nonce.random(using: random)
        let expiresAt = clock.now().addingTimeInterval(configuration.nonceLifetime)
        try await store.insertNonce(nonce.encoded, expiresAt: expiresAt)
        return ["nonce": .string(nonce.encoded), "expires_at": .string(RFC3339.format(expiresAt))]
    }

    /// Verifies and appraises evidence bound to a nonce this service issued; returns the token response or
    /// throws a ``Problem``.
    func attest(_ request: AttestRequest, client: String) async throws -> JSONValue {
        let now = clock.now()
        guard let nonce = request.runtimeData.nonce else {
            throw Problem.invalidRequest("runtime_data has no \"nonce\"; get one from POST /v1/challenge")
        }
        switch try await store.consumeNonce(nonce, at: now) {
        case .consumed: break
        case .expired:
            throw Problem(
                status: 410, name: "nonce-expired", title: "The nonce has expired",
                detail: "nonce \(nonce) expired (nonces live \(Int(configuration.nonceLifetime)) s); get a fresh one from POST /v1/challenge")
        case .unknown:
            throw Problem(
                status: 409, name: "nonce-unknown", title: "The nonce is unknown or already used",
                detail: "nonce \(nonce) was never issued by this service or has already been used; get a fresh one from POST /v1/challenge")
        }
        let policy = try await policies.policy(named: request.policy)
        let pipeline = AttestationPipeline(
            verifiers: verifiers,
            appraiser: Appraiser(policy: policy, referenceValues: try await referenceValues.values()),
            signingKey: try await keyRing.currentKey(), issuer: issuer.current,
            tokenLifetime: configuration.tokenLifetime, build: "assay-serve")
        let context = VerificationContext(
            asOf: now, collateral: request.collateral, collateralProvider: collateralProvider,
            expectedReportData: .runtimeData(request.runtimeData))
        let outcome: AttestationOutcome
        do {
            outcome = try await pipeline.attest(
                Evidence(tee: request.tee, bytes: request.evidence), context: context, runtimeData: request.runtimeData,
                nonce: nonce, issuedAt: now, audience: request.audience)
        } catch let error as AppraisalError {
            metrics.recordVerification(tee: request.tee.rawValue, outcome: "policy-error")
            logger.error("appraisal policy failed", metadata: ["policy": "\(policy.id)", "error": "\(error)"])
            throw Problem(
                status: 500, name: "policy-error", title: "The appraisal policy failed",
                detail: "\(error); fix the policy (assay policy eval reproduces it) or choose another one")
        } catch let error as AttestationError {
            metrics.recordVerification(tee: request.tee.rawValue, outcome: "unsupported")
            throw Problem(status: 400, name: "unsupported-tee", title: "No verifier for this TEE", detail: "\(error)")
        } catch {
            _ = try await store.appendAudit(
                AuditRecord(
                    at: now, kind: "attest", client: client, tee: request.tee.rawValue, nonce: nonce, outcome: "malformed",
                    claimsSHA256: "", policyID: policy.id, policySHA256: policy.digest,
                    detail: JSONValue.object(["error": .string("\(error)")]).compactText))
            metrics.recordVerification(tee: request.tee.rawValue, outcome: "malformed")
            throw Problem(
                status: 400, name: "invalid-evidence", title: "The evidence cannot be evaluated", detail: "\(error)")
        }
        let verdict = outcome.verdict
        let status = verdict.isValid ? outcome.appraisal.status.rawValue : "rejected"
        let audit = try await store.appendAudit(
            AuditRecord(
                at: now, kind: "attest", client: client, tee: request.tee.rawValue, nonce: nonce, outcome: status,
                claimsSHA256: Hex.encode(SHA256.hash(data: JSONValue.object(verdict.claims).compactBytes)),
                policyID: outcome.appraisal.policyID, policySHA256: outcome.appraisal.policyDigest,
                detail: JSONValue.object([
                    "failures": .array(verdict.failures.map(\.json)),
                    "reasons": .array(outcome.appraisal.reasons.map(\.json)),
                ]).compactText))
        metrics.recordVerification(tee: request.tee.rawValue, outcome: status)
        guard verdict.isValid else {
            let summary = verdict.failures.map { "\($0.check) (expected \($0.expected), observed \($0.observed))" }
            throw Problem(
                status: 422, name: "evidence-rejected", title: "The evidence failed verification",
                detail: "evidence rejected: " + summary.joined(separator: "; "),
                extensions: ["failures": .array(verdict.failures.map(\.json)), "audit_id": .integer(audit.id)])
        }
        var response: [String: JSONValue] = [
            "status": .string(outcome.appraisal.status.rawValue),
            "trust_vector": outcome.appraisal.vector.json,
            "failures": .array([]),
            "reasons": .array(outcome.appraisal.reasons.map(\.json)),
            "audit_id": .integer(audit.id),
        ]
        if let token = outcome.token { response["token"] = .string(token) }
        return .object(response)
    }
}
