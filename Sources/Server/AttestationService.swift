import Appraisal
import Attestation
import AttestationCore
import Crypto
import Foundation
import Logging
import Storage

/// The attestation use case behind `/v1/challenge` and `/v1/attest`: nonces, verification, appraisal, token, and
/// an audit record committed before the answer leaves. Throws ``AttestationFailure``s; knows nothing of HTTP.
struct AttestationService: Sendable {
    let nonces: any NonceStore
    let audit: any AuditStore
    let keyRing: KeyRing
    let referenceValues: ReferenceValueCache
    /// The verifiers of the enabled TEEs.
    let verifiers: [any EvidenceVerifier]
    let policies: AppraisalPolicies
    let configuration: ServerConfiguration
    let issuer: IssuerURL
    let clock: any TimeSource
    let random: any RandomSource
    let metrics: ServerMetrics
    let collateralProvider: (any CollateralProvider)?
    let logger: Logger

    /// What an accepted attestation answers.
    struct Result: Sendable {
        let outcome: AttestationOutcome
        let auditID: Int64
    }

    /// Issues a fresh single-use nonce; returns it and its expiry.
    func challenge() async throws -> (nonce: String, expiresAt: Date) {
        let nonce = Nonce.random(using: random)
        let expiresAt = clock.now().addingTimeInterval(configuration.nonceLifetime)
        try await nonces.insertNonce(nonce.encoded, expiresAt: expiresAt)
        return (nonce.encoded, expiresAt)
    }

    /// Verifies and appraises evidence bound to a nonce this service issued.
    func attest(_ request: AttestRequest, client: String) async throws -> Result {
        let now = clock.now()
        guard let nonce = request.runtimeData.nonce else { throw AttestationFailure.missingNonce }
        let policy = try await policies.policy(named: request.policy)
        switch try await nonces.consumeNonce(nonce, at: now) {
        case .consumed: break
        case .expired: throw AttestationFailure.nonceExpired(nonce, lifetime: Int(configuration.nonceLifetime))
        case .unknown: throw AttestationFailure.nonceUnknown(nonce)
        }
        let pipeline = AttestationPipeline(
            verifiers: verifiers,
            appraiser: Appraiser(policy: policy, referenceValues: try await referenceValues.values()),
            signingKey: try await keyRing.currentKey(), issuer: issuer.current,
            tokenLifetime: configuration.tokenLifetime, build: "assay-serve")
        let context = VerificationContext(
            asOf: now, collateral: request.collateral, collateralProvider: collateralProvider,
            expectedReportData: .runtimeData(request.runtimeData))
        func record(_ outcome: String, claimsSHA256: String = "", detail: [String: JSONValue]) -> AuditRecord {
            AuditEntry.make(
                at: now, kind: "attest", client: client, tee: request.tee.rawValue, nonce: nonce, outcome: outcome,
                claimsSHA256: claimsSHA256, policyID: policy.id, policySHA256: policy.digest, detail: detail)
        }
        let outcome: AttestationOutcome
        do {
            outcome = try await pipeline.attest(
                Evidence(tee: request.tee, bytes: request.evidence, companions: request.companions), context: context, runtimeData: request.runtimeData,
                nonce: nonce, issuedAt: now, audience: request.audience)
            try Task.checkCancellation()
        } catch let error as AppraisalError {
            metrics.recordVerification(tee: request.tee.rawValue, outcome: Task.isCancelled ? .deadlineExceeded : .policyError)
            if Task.isCancelled { throw AttestationFailure.deadlineExceeded }
            logger.error("appraisal policy failed", metadata: ["policy": "\(policy.id)", "error": "\(error)"])
            throw AttestationFailure.policyFailed("\(error)")
        } catch {
            if Task.isCancelled {
                _ = try? await audit.appendAudit(record("deadline-exceeded", detail: [:]))
                metrics.recordVerification(tee: request.tee.rawValue, outcome: .deadlineExceeded)
                throw AttestationFailure.deadlineExceeded
            }
            _ = try await audit.appendAudit(record("malformed", detail: ["error": .string(AuditEntry.cut("\(error)", 1024))]))
            metrics.recordVerification(tee: request.tee.rawValue, outcome: .malformed)
            throw AttestationFailure.invalidEvidence("\(error)")
        }
        let verdict = outcome.combinedVerdict
        let status = verdict.isValid ? outcome.status.rawValue : "rejected"
        let audited = try await audit.appendAudit(
            AuditEntry.make(
                at: now, kind: "attest", client: client, tee: request.tee.rawValue, nonce: nonce, outcome: status,
                claimsSHA256: Hex.encode(SHA256.hash(data: JSONValue.object(verdict.claims).compactBytes)),
                policyID: outcome.appraisal.policyID, policySHA256: outcome.appraisal.policyDigest,
                detail: [
                    "failures": .array(verdict.failures.map(\.json)),
                    "reasons": .array(outcome.reasons.map(\.json)),
                ]))
        metrics.recordVerification(tee: request.tee.rawValue, outcome: VerificationOutcome(rawValue: status) ?? .rejected)
        guard verdict.isValid else { throw AttestationFailure.rejected(verdict, auditID: audited.id) }
        return Result(outcome: outcome, auditID: audited.id)
    }
}
