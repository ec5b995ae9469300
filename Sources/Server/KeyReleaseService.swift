import AttestationCore
import Crypto
import Foundation
import KeyBroker
import Logging
import Storage
import Tokens

/// Secure key release behind `POST /v1/secrets/{path}/release`: an EAR token issued by this service, the resource
/// policy covering the path, and the secret sealed with HPKE to the token's `tee_pubkey`. Throws
/// ``ReleaseFailure``s; knows nothing of HTTP.
///
/// Every release and every refusal of an authenticated requester is audited before the answer leaves; refusals
/// before authentication go to the bounded ``RefusalLog``.
struct KeyReleaseService: Sendable {
    let secrets: any SecretStore
    let audit: any AuditStore
    let refusals: RefusalLog
    let keyRing: KeyRing
    let resourcePolicies: ResourcePolicies
    let integrity: RowIntegrity
    let issuer: IssuerURL
    let clock: any TimeSource
    let metrics: ServerMetrics
    let logger: Logger

    /// Longest requested path copied into an audit record (longer paths are invalid anyway).
    static let maxAuditedPathBytes = SecretPath.maxLength + 1
    /// Longest `Authorization` header read.
    static let maxTokenBytes = 64 * 1024

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

    /// The sealed release (`SealedRelease` JSON members and the secret's version).
    func release(pathText: String, bearerToken: String?, requestedKey: JSONValue?, client: String) async throws
        -> [String: JSONValue]
    {
        var attempt = Attempt(client: client, at: clock.now(), path: AuditEntry.cut(pathText, Self.maxAuditedPathBytes))
        do {
            let response = try await decideAndSeal(&attempt, pathText: pathText, bearerToken: bearerToken, requestedKey: requestedKey)
            _ = try await audit.appendAudit(record(attempt, kind: "release", outcome: "released", detail: ["version": response["version"] ?? .null]))
            metrics.recordRelease(outcome: "released")
            return response
        } catch let failure as ReleaseFailure {
            let refusal = record(
                attempt, kind: "release-refused", outcome: "refused", detail: ["problem": .string(failure.type.name)])
            if failure.isBeforeAuthentication {
                try await refusals.record(refusal, reason: failure.type.name)
            } else {
                _ = try await audit.appendAudit(refusal)
            }
            metrics.recordRelease(outcome: failure.type.name)
            throw failure
        }
    }

    func decideAndSeal(_ attempt: inout Attempt, pathText: String, bearerToken: String?, requestedKey: JSONValue?)
        async throws -> [String: JSONValue]
    {
        let path: SecretPath
        do { path = try SecretPath(pathText) } catch { throw ReleaseFailure.invalidPath("\(error)") }
        let claims = try await verifiedToken(bearerToken)
        attempt.nonce = claims["eat_nonce"]?.stringValue
        let recipient = try teeKey(claims, requested: requestedKey)
        let input = ReleaseInput(token: claims, path: path, client: attempt.client, at: attempt.at)
        attempt.tee = input.tee
        attempt.claimsSHA256 = Hex.encode(SHA256.hash(data: input.claims.compactBytes))
        attempt.decision = try await decide(path: path, input: input, at: attempt.at)
        guard attempt.decision.allowed else { throw ReleaseFailure.denied(attempt.decision, path: path.text) }
        guard let stored = try await secrets.secret(path: path.text), let record = integrity.verified(stored) else {
            throw ReleaseFailure.notFound(path: path.text)
        }
        var value: [UInt8]
        do { value = try SecretEnvelope.open(record, kek: try await keyRing.kek) } catch {
            logger.error("cannot open a stored secret", metadata: ["path": "\(path)", "error": "\(error)"])
            throw ReleaseFailure.internalError
        }
        defer { SecureWipe.wipe(&value) }
        let sealed = try SealedRelease.seal(value, path: path, to: recipient)
        guard case .object(var members) = sealed.json else { throw ReleaseFailure.internalError }
        members["version"] = .integer(Int64(record.version))
        return members
    }

    /// The claims of a token this service issued for itself: signature by a key of its JWKS, not expired, `iss`
    /// and `aud` equal to this service's issuer.
    func verifiedToken(_ token: String?) async throws -> JSONValue {
        guard let token, token.utf8.count <= Self.maxTokenBytes else {
            throw ReleaseFailure.tokenRequired(issuer: issuer.current)
        }
        let verifier = TokenVerifier(jwks: try await keyRing.jwks(), clock: clock, issuer: issuer.current, audience: issuer.current)
        do { return try verifier.verify(token) } catch {
            throw ReleaseFailure.invalidToken(AuditEntry.cut("\(error)", 512), issuer: issuer.current)
        }
    }

    /// The key the secret is sealed to: the token's `tee_pubkey`; a request naming another key is refused.
    func teeKey(_ claims: JSONValue, requested: JSONValue?) throws -> TEEPublicKey {
        guard let jwk = claims["assay.tee_pubkey"]?.objectValue else {
            throw ReleaseFailure.noTEEKey(
                "the token has no assay.tee_pubkey: bind an EC P-256 JWK as \"tee_pubkey\" in the runtime data before attesting")
        }
        let key: TEEPublicKey
        do { key = try TEEPublicKey(jwk: jwk) } catch { throw ReleaseFailure.noTEEKey("\(error)") }
        if let requested {
            guard let object = requested.objectValue, (try? TEEPublicKey(jwk: object)) == key else {
                throw ReleaseFailure.teeKeyMismatch
            }
        }
        return key
    }

    /// The decision of the policy on the longest prefix of `path` that has one; default deny.
    func decide(path: SecretPath, input: ReleaseInput, at instant: Date) async throws -> ReleaseDecision {
        guard let policy = try await resourcePolicies.policy(covering: path) else { return .noPolicy }
        do { return try policy.decide(input.json, at: instant) } catch {
            logger.error("resource policy failed", metadata: ["prefix": "\(policy.prefix)", "error": "\(error)"])
            throw ReleaseFailure.policyFailed(prefix: policy.prefix, reason: "\(error)")
        }
    }

    func record(_ attempt: Attempt, kind: String, outcome: String, detail: [String: JSONValue]) -> AuditRecord {
        var members = detail
        members["path"] = .string(attempt.path)
        if !attempt.decision.reasons.isEmpty { members["reasons"] = .array(attempt.decision.reasons.map(JSONValue.string)) }
        return AuditEntry.make(
            at: attempt.at, kind: kind, client: attempt.client, tee: attempt.tee, nonce: attempt.nonce, outcome: outcome,
            claimsSHA256: attempt.claimsSHA256,
            policyID: attempt.decision.prefix.isEmpty ? "" : "resource:\(attempt.decision.prefix)",
            policySHA256: attempt.decision.policyDigest, detail: members)
    }
}
