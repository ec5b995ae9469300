public import AttestationCore
public import Appraisal
public import Tokens
public import Foundation

/// The verifier role end to end: verify evidence, appraise the claims, build the EAR result and sign it.
///
/// Shared by `assay verify` and `assay serve`, which differ only in where evidence and nonces come from.
public struct AttestationPipeline: Sendable {
    /// Verifiers by TEE.
    public let verifiers: [TEEKind: any EvidenceVerifier]
    /// The appraiser (reference values + policy).
    public let appraiser: Appraiser
    /// Signs results; nil to produce unsigned results only.
    public let signingKey: TokenSigningKey?
    /// `iss` of issued tokens.
    public let issuer: String
    /// How long a token is valid.
    public let tokenLifetime: TimeInterval
    /// `ear.verifier-id` build string.
    public let build: String

    /// Default token lifetime: five minutes, enough to present it, short enough to limit a stolen token.
    public static let defaultTokenLifetime: TimeInterval = 300

    public init(
        verifiers: [any EvidenceVerifier], appraiser: Appraiser, signingKey: TokenSigningKey?,
        issuer: String = "assay", tokenLifetime: TimeInterval = defaultTokenLifetime, build: String
    ) {
        self.verifiers = Dictionary(verifiers.map { ($0.tee, $0) }, uniquingKeysWith: { first, _ in first })
        self.appraiser = appraiser
        self.signingKey = signingKey
        self.issuer = issuer
        self.tokenLifetime = tokenLifetime
        self.build = build
    }

    /// Verifies and appraises evidence; the result is issued at `issuedAt` (the context's instant is for
    /// certificate validity and may lie in the past).
    public func attest(
        _ evidence: Evidence, context: VerificationContext, runtimeData: RuntimeData?, nonce: String?,
        issuedAt: Date, audience: String? = nil
    ) async throws -> AttestationOutcome {
        guard let verifier = verifiers[evidence.tee] else {
            throw AttestationError.unsupportedTEE(evidence.tee, supported: verifiers.keys.sorted())
        }
        let verdict = try await verifier.verify(evidence, context: context)
        let appraisal = try appraiser.appraise(verdict, runtimeData: runtimeData, at: context.asOf)
        var extensions: [String: JSONValue] = [:]
        if verdict.isValid, let key = runtimeData?.teePublicKey {
            extensions["assay.tee_pubkey"] = .object(key)
        }
        let claimsSet = EARClaimsSet(
            issuer: issuer, issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(tokenLifetime),
            nonce: nonce ?? runtimeData?.nonce, audience: audience, verifierBuild: build,
            appraisals: [
                evidence.tee.rawValue: EARAppraisal(
                    status: appraisal.status, vector: appraisal.vector, policyID: appraisal.policyID,
                    policyDigest: appraisal.policyDigest, claims: verdict.claims,
                    reasons: appraisal.reasons.map(\.json))
            ],
            extensions: extensions)
        let token = try signingKey.map { try JWS.sign(claimsSet.json, with: $0) }
        return AttestationOutcome(verdict: verdict, appraisal: appraisal, result: claimsSet, token: token)
    }
}

/// Everything one attestation produced.
public struct AttestationOutcome: Sendable {
    /// The verifier's verdict.
    public let verdict: Verdict
    /// The appraisal.
    public let appraisal: AppraisalResult
    /// The EAR claims set.
    public let result: EARClaimsSet
    /// The signed token, if a key was configured.
    public let token: String?

    /// The `assay verify --format json` document: `{"tee","valid","claims","failures","result","token"?}`.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "tee": .string(verdict.tee.rawValue),
            "valid": .bool(verdict.isValid),
            "claims": .object(verdict.claims),
            "failures": .array(verdict.failures.map(\.json)),
            "result": result.json,
        ]
        if !verdict.notes.isEmpty { members["notes"] = .array(verdict.notes.map(JSONValue.string)) }
        if let token { members["token"] = .string(token) }
        return .object(members)
    }
}
