public import AttestationCore
public import Attestation

/// The judgement of a peer's certificate: accepted or refused with every reason, what bound the key, and the
/// attestation outcome (or the verified token's claims in passport mode).
public struct PeerAttestation: Sendable {
    /// Whether the handshake may go on.
    public let accepted: Bool
    /// Why it may not (empty when accepted).
    public let reasons: [String]
    /// What bound the certificate's key (``CertificateEvidence/bindingDescription``).
    public let binding: [String: JSONValue]
    /// The verified and appraised evidence (nil in passport mode or when judging stopped before verification).
    public let outcome: AttestationOutcome?
    /// The verified EAR token's claims (passport mode).
    public let tokenClaims: JSONValue?

    /// `assay tls verify-cert --format json`: `assay verify`'s document plus `accepted`, `reasons` and `binding`.
    public var json: JSONValue {
        var members = outcome?.json.objectValue ?? [:]
        members["accepted"] = .bool(accepted)
        members["reasons"] = .array(reasons.map(JSONValue.string))
        members["binding"] = .object(binding)
        if let tokenClaims { members["token_claims"] = tokenClaims }
        return .object(members)
    }

    /// One line for logs and handshake errors.
    public var summary: String {
        let tee = outcome?.verdict.tee.rawValue ?? "?"
        let carrier = binding["carrier"]?.stringValue ?? "?"
        if accepted {
            return "attested \(tee) peer (\(carrier), status \(outcome?.appraisal.status.rawValue ?? "affirmed by token"))"
        }
        return "refused the peer's certificate (\(carrier)): " + reasons.joined(separator: "; ")
    }
}
