public import AttestationCore
public import Foundation

/// What a resource policy sees for one release request (`input` in Rego), taken from a verified EAR token.
///
/// ```
/// {"path": "apps/db/key", "tee": "sample", "status": "affirming",
///  "trust_vector": {"executables": 2, ...}, "claims": {...the verified evidence claims...},
///  "appraisal_policy_id": "assay-default-v1", "tee_pubkey": {...JWK...},
///  "submods": {"sample": {"status", "trust_vector", "claims"}, "nvidia-gpu-0": {...}, ...},
///  "token": {...the whole EAR claims set...}, "request": {"client": "10.0.0.7", "time": "2026-11-22T10:00:00Z"}}
/// ```
/// For a composite result (`assay.primary` names the CPU TEE's submodule), `tee`, `status`, `trust_vector` and
/// `claims` are the primary's and `submods` holds every part, so a policy can require each GPU too.
public struct ReleaseInput: Sendable, Hashable {
    /// The TEE whose appraisal the token carries (its `submods` key).
    public let tee: String
    /// That appraisal's verified claims.
    public let claims: JSONValue
    /// The policy input document.
    public let json: JSONValue

    /// Builds the input from a verified token's claims set.
    public init(token: JSONValue, path: SecretPath, client: String, at instant: Date) {
        let submodules = token["submods"]?.objectValue ?? [:]
        let tee = token["assay.primary"]?.stringValue ?? submodules.keys.sorted().first ?? ""
        let appraisal = submodules[tee] ?? .object([:])
        self.tee = tee
        claims = appraisal["ear.veraison.annotated-evidence"] ?? .object([:])
        json = .object([
            "path": .string(path.text),
            "tee": .string(tee),
            "status": appraisal["ear.status"] ?? .null,
            "trust_vector": appraisal["ear.trustworthiness-vector"] ?? .object([:]),
            "claims": claims,
            "appraisal_policy_id": appraisal["ear.appraisal-policy-id"] ?? .null,
            "submods": .object(
                submodules.mapValues { submodule in
                    .object([
                        "status": submodule["ear.status"] ?? .null,
                        "trust_vector": submodule["ear.trustworthiness-vector"] ?? .object([:]),
                        "claims": submodule["ear.veraison.annotated-evidence"] ?? .object([:]),
                    ])
                }),
            "tee_pubkey": token["assay.tee_pubkey"] ?? .null,
            "token": token,
            "request": .object(["client": .string(client), "time": .string(RFC3339.format(instant))]),
        ])
    }
}
