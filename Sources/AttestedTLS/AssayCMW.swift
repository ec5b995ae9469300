public import AttestationCore

/// Assay's CMW collection in the `id-pe-cmw` extension: `{"evidence": [evidence media type, evidence, 4],
/// "claims": ["application/vnd.assay.key-binding+cbor", claims], ?"ear": ["application/eat+jwt", token, 8]}`.
///
/// The evidence media type names the TEE (`application/vnd.assay.<tee>-evidence`); the evidence's report data is
/// the TEE's binding (ARCHITECTURE.md §1) of the exact claims bytes, as if they were the runtime data.
public struct AssayCMW: Sendable {
    /// Media type of the key-binding claims record.
    public static let claimsType = "application/vnd.assay.key-binding+cbor"
    /// Media type of the EAR token record (passport mode).
    public static let tokenType = "application/eat+jwt"
    /// Longest EAR token read.
    public static let maxTokenBytes = 16 * 1024

    /// The media type of a TEE's evidence.
    public static func evidenceType(_ tee: TEEKind) -> String { "application/vnd.assay.\(tee.rawValue)-evidence" }

    public let evidence: Evidence
    public let claimsBytes: [UInt8]
    public let claims: KeyBindingClaims
    public let token: String?

    public init(evidence: Evidence, claims: KeyBindingClaims, token: String? = nil) {
        self.evidence = evidence
        self.claimsBytes = claims.encoded
        self.claims = claims
        self.token = token
    }

    /// Reads the collection.
    public init(_ wrapper: CMW) throws {
        guard let evidenceRecord = wrapper["evidence"]?.record else {
            throw CMW.malformed("no 'evidence' record (Assay certificates carry a collection with evidence and claims)")
        }
        let prefix = "application/vnd.assay.", suffix = "-evidence"
        guard evidenceRecord.type.hasPrefix(prefix), evidenceRecord.type.hasSuffix(suffix),
            evidenceRecord.type.count > prefix.count + suffix.count
        else { throw CMW.malformed("evidence media type '\(evidenceRecord.type)' is not application/vnd.assay.<tee>-evidence") }
        let tee = TEEKind(rawValue: String(evidenceRecord.type.dropFirst(prefix.count).dropLast(suffix.count)))
        guard evidenceRecord.value.count <= Evidence.maxBytes else {
            throw CMW.malformed("evidence of \(evidenceRecord.value.count) bytes (at most \(Evidence.maxBytes))")
        }
        guard let claimsRecord = wrapper["claims"]?.record, claimsRecord.type == Self.claimsType else {
            throw CMW.malformed("no 'claims' record of type \(Self.claimsType)")
        }
        evidence = Evidence(tee: tee, bytes: evidenceRecord.value)
        claimsBytes = claimsRecord.value
        claims = try KeyBindingClaims(cbor: claimsRecord.value)
        if let tokenRecord = wrapper["ear"]?.record {
            guard tokenRecord.type == Self.tokenType, tokenRecord.value.count <= Self.maxTokenBytes,
                let text = String(validating: tokenRecord.value, as: UTF8.self)
            else { throw CMW.malformed("the 'ear' record is not an \(Self.tokenType) token of at most \(Self.maxTokenBytes) bytes") }
            token = text
        } else {
            token = nil
        }
    }

    /// The collection.
    public var wrapper: CMW {
        var items: [(label: String, item: CMW)] = [
            ("evidence", .record(type: Self.evidenceType(evidence.tee), value: evidence.bytes, indicator: CMW.Indicator.evidence)),
            ("claims", .record(type: Self.claimsType, value: claimsBytes, indicator: nil)),
        ]
        if let token {
            items.append(("ear", .record(type: Self.tokenType, value: Array(token.utf8), indicator: CMW.Indicator.attestationResults)))
        }
        return .collection(items)
    }
}
