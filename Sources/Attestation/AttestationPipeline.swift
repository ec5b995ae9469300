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
        var parts: [AttestationPart] = []
        for companion in evidence.companions.prefix(Evidence.maxCompanions) {
            guard let companionVerifier = verifiers[companion.tee] else {
                throw AttestationError.unsupportedTEE(companion.tee, supported: verifiers.keys.sorted())
            }
            let companionVerdict = try await companionVerifier.verify(companion, context: context)
            for (name, part) in AttestationPart.split(companionVerdict) {
                parts.append(
                    AttestationPart(
                        name: name, verdict: part, appraisal: try appraiser.appraise(part, runtimeData: runtimeData, at: context.asOf)))
            }
        }
        var extensions: [String: JSONValue] = [:]
        if verdict.isValid, parts.allSatisfy(\.verdict.isValid), let key = runtimeData?.teePublicKey {
            extensions["assay.tee_pubkey"] = .object(key)
        }
        var appraisals = [evidence.tee.rawValue: Self.submodule(verdict, appraisal)]
        for part in parts { appraisals[part.name] = Self.submodule(part.verdict, part.appraisal) }
        if !parts.isEmpty { extensions[AttestationOutcome.primaryClaim] = .string(evidence.tee.rawValue) }
        let claimsSet = EARClaimsSet(
            issuer: issuer, issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(tokenLifetime),
            nonce: nonce ?? runtimeData?.nonce, audience: audience, verifierBuild: build, appraisals: appraisals,
            extensions: extensions)
        let token = try signingKey.map { try JWS.sign(claimsSet.json, with: $0) }
        return AttestationOutcome(verdict: verdict, appraisal: appraisal, parts: parts, result: claimsSet, token: token)
    }

    /// The EAR submodule of one verdict and its appraisal.
    static func submodule(_ verdict: Verdict, _ appraisal: AppraisalResult) -> EARAppraisal {
        EARAppraisal(
            status: appraisal.status, vector: appraisal.vector, policyID: appraisal.policyID,
            policyDigest: appraisal.policyDigest, claims: verdict.claims, reasons: appraisal.reasons.map(\.json))
    }
}

/// Everything one attestation produced.
public struct AttestationOutcome: Sendable {
    /// The top-level claim naming the primary submodule of a composite result (`"assay.primary": "snp"`).
    public static let primaryClaim = "assay.primary"

    /// The verifier's verdict on the primary evidence.
    public let verdict: Verdict
    /// The primary evidence's appraisal.
    public let appraisal: AppraisalResult
    /// The companions' parts (composite attestation), in order.
    public let parts: [AttestationPart]
    /// The EAR claims set.
    public let result: EARClaimsSet
    /// The signed token, if a key was configured.
    public let token: String?

    public init(verdict: Verdict, appraisal: AppraisalResult, parts: [AttestationPart] = [], result: EARClaimsSet, token: String?) {
        self.verdict = verdict
        self.appraisal = appraisal
        self.parts = parts
        self.result = result
        self.token = token
    }

    /// Whether the primary evidence and every part verified.
    public var isValid: Bool { verdict.isValid && parts.allSatisfy(\.verdict.isValid) }

    /// The overall status: the worst among the primary appraisal and the parts'.
    public var status: TrustTier { result.status }

    /// The primary verdict with every part's checks added as `<part>.<check>` (claims stay the primary's): what
    /// an audit record or a rejection names.
    public var combinedVerdict: Verdict {
        var combined = verdict
        for part in parts {
            var prefixed = part.verdict.prefixingChecks("\(part.name).")
            prefixed.claims = [:]
            prefixed.notes = []
            combined.append(prefixed)
        }
        return combined
    }

    /// Every reason, the parts' prefixed by their names.
    public var reasons: [AppraisalReason] {
        appraisal.reasons
            + parts.flatMap { part in
                part.appraisal.reasons.map {
                    AppraisalReason(component: $0.component, check: "\(part.name).\($0.check)", expected: $0.expected, observed: $0.observed)
                }
            }
    }

    /// The `assay verify --format json` document: `{"tee","valid","claims","failures","result","token"?}`, and for
    /// a composite `"parts": {name: {"valid","claims","failures","status"}}`.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "tee": .string(verdict.tee.rawValue),
            "valid": .bool(isValid),
            "claims": .object(verdict.claims),
            "failures": .array(verdict.failures.map(\.json)),
            "result": result.json,
        ]
        if !verdict.notes.isEmpty { members["notes"] = .array(verdict.notes.map(JSONValue.string)) }
        if !parts.isEmpty {
            members["parts"] = .object(
                Dictionary(uniqueKeysWithValues: parts.map { part in
                    (part.name, JSONValue.object([
                        "valid": .bool(part.verdict.isValid), "claims": .object(part.verdict.claims),
                        "failures": .array(part.verdict.failures.map(\.json)), "status": .string(part.appraisal.status.rawValue),
                    ]))
                }))
        }
        if let token { members["token"] = .string(token) }
        return .object(members)
    }
}
