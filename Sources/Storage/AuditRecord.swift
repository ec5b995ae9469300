public import Foundation

/// One append-only audit entry: an attestation, a key release or a refusal.
public struct AuditRecord: Sendable, Hashable {
    /// Assigned by the store on append; 0 before.
    public let id: Int64
    /// When it happened.
    public let at: Date
    /// What happened: `attest`, `release`, `release-refused`, …
    public let kind: String
    /// Who asked: the client's address (and, for admin actions, the principal).
    public let client: String
    /// The TEE of the evidence.
    public let tee: String
    /// The nonce the evidence answered, if any.
    public let nonce: String?
    /// The result: `affirming`, `warning`, `contraindicated`, `none`, `rejected`, `refused`, …
    public let outcome: String
    /// SHA-256 of the canonical claims JSON (hex), or empty.
    public let claimsSHA256: String
    /// The policy applied.
    public let policyID: String
    /// SHA-256 of the policy applied (hex).
    public let policySHA256: String
    /// Details as JSON text (failures, reasons, resource path).
    public let detail: String

    public init(
        id: Int64 = 0, at: Date, kind: String, client: String, tee: String, nonce: String?, outcome: String,
        claimsSHA256: String, policyID: String, policySHA256: String, detail: String
    ) {
        self.id = id
        self.at = at
        self.kind = kind
        self.client = client
        self.tee = tee
        self.nonce = nonce
        self.outcome = outcome
        self.claimsSHA256 = claimsSHA256
        self.policyID = policyID
        self.policySHA256 = policySHA256
        self.detail = detail
    }

    /// A copy with the id the store assigned.
    public func with(id: Int64) -> AuditRecord {
        AuditRecord(
            id: id, at: at, kind: kind, client: client, tee: tee, nonce: nonce, outcome: outcome,
            claimsSHA256: claimsSHA256, policyID: policyID, policySHA256: policySHA256, detail: detail)
    }
}
