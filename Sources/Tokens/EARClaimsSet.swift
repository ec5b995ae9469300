public import AttestationCore
public import Foundation

/// One EAR appraisal (a `submods` entry): status, trust vector, policy id and the appraised claims.
public struct EARAppraisal: Sendable, Hashable {
    /// `ear.status`.
    public var status: TrustTier
    /// `ear.trustworthiness-vector`.
    public var vector: TrustworthinessVector
    /// `ear.appraisal-policy-id`.
    public var policyID: String
    /// SHA-256 of the policy (`assay.policy-sha256`).
    public var policyDigest: String
    /// The verified claims (`ear.veraison.annotated-evidence`, the name Veraison and Trustee use).
    public var claims: Claims
    /// Why each non-affirming component is so (`assay.reasons`: `{component, check, expected, observed}`).
    public var reasons: [JSONValue]

    public init(
        status: TrustTier, vector: TrustworthinessVector, policyID: String, policyDigest: String, claims: Claims,
        reasons: [JSONValue]
    ) {
        self.status = status
        self.vector = vector
        self.policyID = policyID
        self.policyDigest = policyDigest
        self.claims = claims
        self.reasons = reasons
    }

    var json: JSONValue {
        .object([
            "ear.status": .string(status.rawValue),
            "ear.trustworthiness-vector": vector.json,
            "ear.appraisal-policy-id": .string(policyID),
            "assay.policy-sha256": .string(policyDigest),
            "ear.veraison.annotated-evidence": .object(claims),
            "assay.reasons": .array(reasons),
        ])
    }
}

/// An EAR claims set (draft-ietf-rats-ear, JSON serialisation): the payload of an attestation result token.
public struct EARClaimsSet: Sendable, Hashable {
    /// The EAR profile Assay emits.
    public static let profile = "tag:github.com,2023:veraison/ear"

    /// `iss`: the verifier's issuer URL or name.
    public var issuer: String
    /// `iat`.
    public var issuedAt: Date
    /// `exp`.
    public var expiresAt: Date
    /// `eat_nonce`: the challenge the evidence answered, if any.
    public var nonce: String?
    /// `aud`, if the token is meant for a particular relying party.
    public var audience: String?
    /// `ear.verifier-id` `build`.
    public var verifierBuild: String
    /// `submods`, keyed by TEE name.
    public var appraisals: [String: EARAppraisal]
    /// Extra top-level claims (e.g. `assay.tee_pubkey` for key release).
    public var extensions: [String: JSONValue]

    public init(
        issuer: String, issuedAt: Date, expiresAt: Date, nonce: String?, audience: String? = nil,
        verifierBuild: String, appraisals: [String: EARAppraisal], extensions: [String: JSONValue] = [:]
    ) {
        self.issuer = issuer
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.nonce = nonce
        self.audience = audience
        self.verifierBuild = verifierBuild
        self.appraisals = appraisals
        self.extensions = extensions
    }

    /// The overall status: the worst among the submodules.
    public var status: TrustTier { appraisals.values.map(\.status).max() ?? .none }

    /// The JSON claims set.
    public var json: JSONValue {
        var members = extensions
        members["eat_profile"] = .string(Self.profile)
        members["iss"] = .string(issuer)
        members["iat"] = .integer(Int64(issuedAt.timeIntervalSince1970))
        members["exp"] = .integer(Int64(expiresAt.timeIntervalSince1970))
        members["ear.verifier-id"] = .object(["developer": "Assay", "build": .string(verifierBuild)])
        members["submods"] = .object(appraisals.mapValues(\.json))
        if let nonce { members["eat_nonce"] = .string(nonce) }
        if let audience { members["aud"] = .string(audience) }
        return .object(members)
    }
}
