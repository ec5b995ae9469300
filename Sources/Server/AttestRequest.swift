import AttestationCore

/// The body of `POST /v1/attest`, validated.
struct AttestRequest {
    /// Most collateral items one request may carry.
    static let maxCollateralItems = 64
    /// Longest `audience` accepted, in bytes.
    static let maxAudienceBytes = 512

    let tee: TEEKind
    let evidence: [UInt8]
    let runtimeData: RuntimeData
    let collateral: [CollateralItem]
    /// The stored appraisal policy to apply, when the request names one.
    let policy: String?
    /// The `aud` the token should carry (e.g. this service's issuer, for key release).
    let audience: String?

    init(json body: JSONValue) throws {
        guard let members = body.objectValue else { throw Problem.invalidRequest("the body must be a JSON object") }
        let known: Set<String> = ["tee", "evidence", "runtime_data", "collateral", "policy", "audience"]
        if let unknown = members.keys.first(where: { !known.contains($0) }) {
            throw Problem.invalidRequest(
                "unknown member \"\(unknown)\"; allowed: tee, evidence, runtime_data, collateral, policy, audience")
        }
        switch members["policy"] {
        case nil, .null: policy = nil
        case .string(let id) where AssayRoutes.validPolicyID(id): policy = id
        default:
            throw Problem.invalidRequest("\"policy\" must be a policy id (1-64 letters, digits, '.', '_', '-')")
        }
        switch members["audience"] {
        case nil, .null: audience = nil
        case .string(let value) where (1...Self.maxAudienceBytes).contains(value.utf8.count): audience = value
        default:
            throw Problem.invalidRequest(
                "\"audience\" must be a string of 1-\(Self.maxAudienceBytes) bytes (the relying party, e.g. this service's issuer for key release)")
        }
        guard let tee = members["tee"]?.stringValue, !tee.isEmpty else {
            throw Problem.invalidRequest("\"tee\" is required (e.g. \"sample\", \"snp\", \"tdx\")")
        }
        self.tee = TEEKind(rawValue: tee)
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
}
