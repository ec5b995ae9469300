import AttestationCore
import Crypto
import Foundation
import KeyBroker
import Logging
import Storage
import Tokens

/// Secure key release behind `POST /v1/secrets/{path}/release`: an EAR token issued by this service, the resource
/// policy covering the path, and the secret sealed with HPKE to the token's `tee_pubkey`.
///
/// Every release and every refusal is appended to the audit record before the answer leaves.
struct KeyReleaseService: Sendable {
    let store: any AssayStore
    let keyRing: KeyRing
    let resourcePolicies: ResourcePolicyCache
    let issuer: IssuerURL
    let clock: any TimeSource
    let metrics: ServerMetrics
    let logger: Logger

    /// What the audit record says about one request, filled in as the request is understood.
    struct Attempt {
        let client: String
        let at: Date
        var path: String
        var tee = ""
        var nonce: String?
        var claimsSHA256 = ""
        var decision = ReleaseDecision.noPolicy
    }

    /// Releases the secret at `pathText` to the workload the bearer token attests, or throws a ``Problem``.
    func release(pathText: String, authorization: String?, body: JSONValue?, client: String) async throws -> JSONValue {
        var attempt = Attempt(client: client, at: clock.now(), path: String(decoding: pathText.utf8.prefix(Self.maxAuditedPathBytes), as: UTF8.self))
        do {
            let response = try await decideAndSeal(&attempt, pathText: pathText, authorization: authorization, body: body)
            try await audit(attempt, kind: "release", outcome: "released", detail: ["version": response["version"] ?? .null])
            metrics.recordRelease(outcome: "released")
            return response
        } catch let problem as Problem {
            try await audit(
                attempt, kind: "release-refused", outcome: "refused",
                detail: ["problem": .string(problem.name), "detail": .string(problem.detail)])
            metrics.recordRelease(outcome: problem.name)
            throw problem
        }
    }

    /// Longest requested path copied into an audit record (longer paths are invalid anyway).
    static let maxAuditedPathBytes = SecretPath.maxLength + 1

    func decideAndSeal(_ attempt: inout Attempt, pathText: String, authorization: String?, body: JSONValue?)
        async throws -> JSONValue
    {
        let path: SecretPath
        do { path = try SecretPath(pathText) } catch { throw Problem.invalidRequest("\(error)") }
        let claims = try await verifiedToken(authorization)
        attempt.nonce = claims["eat_nonce"]?.stringValue
        let recipient = try teeKey(claims, body: body)
        let input = ReleaseInput(token: claims, path: path, client: attempt.client, at: attempt.at)
        attempt.tee = input.tee
        attempt.claimsSHA256 = Hex.encode(SHA256.hash(data: input.claims.compactBytes))
        attempt.decision = try await decide(path: path, input: input, at: attempt.at)
        let decision = attempt.decision
        guard decision.allowed else {
            let because = decision.reasons.isEmpty ? "" : " because " + decision.reasons.joined(separator: "; ")
            throw Problem(
                status: 403, name: "release-denied", title: "The resource policy refused the release",
                detail: "release of \(path) denied by \(decision.rule)\(because)",
                extensions: [
                    "rule": .string(decision.prefix.isEmpty ? "default-deny" : ResourcePolicy.allowDocument),
                    "policy_prefix": .string(decision.prefix), "reasons": .array(decision.reasons.map(JSONValue.string)),
                ])
        }
        guard let record = try await store.secret(path: path.text) else {
            throw Problem.notFound("no secret at \(path); store it with PUT /v1/secrets/\(path) (assay secret put)")
        }
        var value: [UInt8]
        do { value = try SecretEnvelope.open(record, kek: try await keyRing.kek) } catch {
            logger.error("cannot open a stored secret", metadata: ["path": "\(path)", "error": "\(error)"])
            throw Problem.internalError
        }
        defer { SecureWipe.wipe(&value) }
        let sealed = try SealedRelease.seal(value, path: path, to: recipient)
        guard case .object(var members) = sealed.json else { throw Problem.internalError }
        members["version"] = .integer(Int64(record.version))
        return .object(members)
    }

    /// The claims of a token this service issued for itself: signature by a key of its JWKS, not expired, `iss`
    /// and `aud` equal to this service's issuer.
    func verifiedToken(_ authorization: String?) async throws -> JSONValue {
        guard let authorization, authorization.hasPrefix("Bearer "), authorization.utf8.count <= Self.maxTokenBytes else {
            throw Problem(
                status: 401, name: "token-required", title: "An attestation token is required",
                detail: "send 'Authorization: Bearer <token>' with a token from POST /v1/attest requested with \"audience\": \"\(issuer.current)\"")
        }
        let verifier = TokenVerifier(
            jwks: try await keyRing.jwks(), clock: clock, issuer: issuer.current, audience: issuer.current)
        do { return try verifier.verify(String(authorization.dropFirst("Bearer ".count))) } catch {
            throw Problem(
                status: 401, name: "invalid-token", title: "The attestation token is not acceptable",
                detail: "\(error); attest again (POST /v1/attest with \"audience\": \"\(issuer.current)\") for a fresh token")
        }
    }

    /// Longest `Authorization` header read.
    static let maxTokenBytes = 64 * 1024

    /// The key the secret is sealed to: the token's `tee_pubkey`; a body naming another key is refused.
    func teeKey(_ claims: JSONValue, body: JSONValue?) throws -> TEEPublicKey {
        guard let jwk = claims["assay.tee_pubkey"]?.objectValue else {
            throw Problem(
                status: 403, name: "no-tee-key", title: "The token carries no TEE key",
                detail: "the token has no assay.tee_pubkey: bind an EC P-256 JWK as \"tee_pubkey\" in the runtime data before attesting")
        }
        let key: TEEPublicKey
        do { key = try TEEPublicKey(jwk: jwk) } catch {
            throw Problem(status: 403, name: "no-tee-key", title: "The token carries no usable TEE key", detail: "\(error)")
        }
        if let requested = body?["tee_pubkey"] {
            guard let object = requested.objectValue, (try? TEEPublicKey(jwk: object)) == key else {
                throw Problem(
                    status: 403, name: "tee-key-mismatch", title: "The key differs from the attested one",
                    detail: "the request's tee_pubkey is not the key the token attests; secrets are only sealed to the attested TEE key")
            }
        }
        return key
    }

    /// The decision of the policy on the longest prefix of `path` that has one; default deny.
    func decide(path: SecretPath, input: ReleaseInput, at instant: Date) async throws -> ReleaseDecision {
        guard let policy = try await resourcePolicies.policy(covering: path) else { return .noPolicy }
        do { return try policy.decide(input.json, at: instant) } catch {
            logger.error("resource policy failed", metadata: ["prefix": "\(policy.prefix)", "error": "\(error)"])
            throw Problem(
                status: 500, name: "policy-error", title: "The resource policy failed", detail: "\(error)")
        }
    }

    func audit(_ attempt: Attempt, kind: String, outcome: String, detail: [String: JSONValue]) async throws {
        var members = detail
        members["path"] = .string(attempt.path)
        if !attempt.decision.reasons.isEmpty { members["reasons"] = .array(attempt.decision.reasons.map(JSONValue.string)) }
        _ = try await store.appendAudit(
            AuditRecord(
                at: attempt.at, kind: kind, client: attempt.client, tee: attempt.tee, nonce: attempt.nonce,
                outcome: outcome, claimsSHA256: attempt.claimsSHA256,
                policyID: attempt.decision.prefix.isEmpty ? "" : "resource:\(attempt.decision.prefix)",
                policySHA256: attempt.decision.policyDigest, detail: JSONValue.object(members).compactText))
    }
}
