public import AttestationCore

/// The body of `POST /v1/attest`, validated: the TEE first (only the enabled ones), then every member within its
/// bound.
public struct AttestRequest: Sendable {
    /// Most collateral items one request may carry.
    public static let maxCollateralItems = 64
    /// Longest `audience` accepted, in bytes.
    public static let maxAudienceBytes = 512
    /// Longest TEE name repeated in an error.
    static let maxTEENameShown = 32

    public let tee: TEEKind
    public let evidence: [UInt8]
    public let runtimeData: RuntimeData
    public let collateral: [CollateralItem]
    /// Evidence of other TEEs bound to the same runtime data (composite attestation: a GPU evidence list).
    public let companions: [Evidence]
    /// The stored appraisal policy to apply, when the request names one.
    public let policy: PolicyID?
    /// The `aud` the token should carry (e.g. this service's issuer, for key release).
    public let audience: String?

    /// Validates a parsed body; `enabledTEEs` are the TEEs the service accepts. Throws ``Problem``s (400).
    public init(json body: JSONValue, enabledTEEs: Set<String>) throws {
        guard let members = body.objectValue else { throw Problem.invalidRequest("the body must be a JSON object") }
        let enabled = enabledTEEs.sorted().joined(separator: ", ")
        guard let tee = members["tee"]?.stringValue, !tee.isEmpty else {
            throw Problem.invalidRequest("\"tee\" is required: one of \(enabled)")
        }
        guard enabledTEEs.contains(tee) else {
            throw Problem(
                .unsupportedTEE,
                "this service does not accept evidence of TEE \"\(AuditEntry.cut(tee, Self.maxTEENameShown))\"; it accepts \(enabled)")
        }
        self.tee = TEEKind(rawValue: tee)
        let known: Set<String> = ["tee", "evidence", "runtime_data", "collateral", "policy", "audience", "companions"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw Problem.invalidRequest(
                "unknown member \"\(AuditEntry.cut(unknown, 64))\"; allowed: tee, evidence, runtime_data, collateral, policy, "
                    + "audience, companions")
        }
        companions = try Self.companions(members["companions"], enabledTEEs: enabledTEEs)
        switch members["policy"] {
        case nil, .null: policy = nil
        case .string(let text):
            guard let id = PolicyID(text) else { throw Problem.invalidRequest("\"policy\": \(PolicyID.rule)") }
            policy = id
        default: throw Problem.invalidRequest("\"policy\": \(PolicyID.rule)")
        }
        switch members["audience"] {
        case nil, .null: audience = nil
        case .string(let value) where (1...Self.maxAudienceBytes).contains(value.utf8.count): audience = value
        default:
            throw Problem.invalidRequest(
                "\"audience\" must be a string of 1-\(Self.maxAudienceBytes) bytes (the relying party, e.g. this service's issuer for key release)")
        }
        self.evidence = try HTTPBody.base64(members["evidence"], name: "evidence")
        let runtimeBytes = try HTTPBody.base64(members["runtime_data"], name: "runtime_data")
        do { runtimeData = try RuntimeData(bytes: runtimeBytes) } catch {
            throw Problem.invalidRequest("runtime_data: \(error)")
        }
        guard runtimeData.json != nil else {
            throw Problem.invalidRequest("runtime_data must be the base64 of a JSON object holding the nonce")
        }
        guard let list = members["collateral"]?.arrayValue ?? (members["collateral"] == nil ? [] : nil) else {
            throw Problem.invalidRequest("\"collateral\" must be an array of base64 strings")
        }
        guard list.count <= Self.maxCollateralItems else {
            throw Problem.invalidRequest("at most \(Self.maxCollateralItems) collateral items, got \(list.count)")
        }
        collateral = try list.enumerated().map { index, item in
            CollateralItem(source: "collateral[\(index)]", bytes: try HTTPBody.base64(item, name: "collateral[\(index)]"))
        }
    }

    /// `"companions": [{"tee": "nvidia", "evidence": base64}, …]`: at most ``Evidence/maxCompanions``, each of an
    /// enabled TEE.
    static func companions(_ value: JSONValue?, enabledTEEs: Set<String>) throws -> [Evidence] {
        guard let value, value != .null else { return [] }
        let rule = "\"companions\" must be an array of at most \(Evidence.maxCompanions) {\"tee\", \"evidence\"} objects"
        guard let list = value.arrayValue, list.count <= Evidence.maxCompanions else { throw Problem.invalidRequest(rule) }
        return try list.enumerated().map { index, entry in
            guard let members = entry.objectValue, Set(members.keys).isSubset(of: ["tee", "evidence"]),
                let tee = members["tee"]?.stringValue
            else { throw Problem.invalidRequest(rule) }
            guard enabledTEEs.contains(tee) else {
                throw Problem(
                    .unsupportedTEE,
                    "companions[\(index)]: this service does not accept evidence of TEE \"\(AuditEntry.cut(tee, Self.maxTEENameShown))\"")
            }
            return Evidence(
                tee: TEEKind(rawValue: tee), bytes: try HTTPBody.base64(members["evidence"], name: "companions[\(index)].evidence"))
        }
    }
}
