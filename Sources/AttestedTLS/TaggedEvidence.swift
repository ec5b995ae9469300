import CBOR

/// TCG DICE tagged evidence (extension 2.23.133.5.4.9): CBOR tag 60000 over `[evidence bstr, claims bstr]`, the
/// evidence's report data[0:32] = SHA-256 of the claims bytes (the rest zero).
public struct TaggedEvidence: Sendable, Hashable {
    /// The CBOR tag of the structure.
    public static let tag: UInt64 = 60000

    /// The quote (SGX or TDX DCAP quote).
    public let evidence: [UInt8]
    /// The exact claims bytes the quote binds.
    public let claimsBytes: [UInt8]
    /// The parsed claims.
    public let claims: KeyBindingClaims

    public init(evidence: [UInt8], claims: KeyBindingClaims) {
        self.evidence = evidence
        self.claimsBytes = claims.encoded
        self.claims = claims
    }

    /// Reads the extension's value.
    public init(cbor bytes: [UInt8]) throws {
        let value: CBORValue
        do { value = try CBORReader.decode(bytes) } catch { throw Self.malformed("\(error)") }
        guard case .tagged(Self.tag, let body) = value else { throw Self.malformed("not CBOR tag 60000") }
        guard let items = body.arrayValue, items.count == 2, let evidence = items[0].bytesValue,
            let claimsBytes = items[1].bytesValue
        else { throw Self.malformed("tag 60000 does not hold [evidence bstr, claims bstr]") }
        self.evidence = evidence
        self.claimsBytes = claimsBytes
        self.claims = try KeyBindingClaims(cbor: claimsBytes)
    }

    /// The encoding.
    public var encoded: [UInt8] { CBORWriter.encode(.tagged(Self.tag, .array([.bytes(evidence), .bytes(claimsBytes)]))) }

    static func malformed(_ reason: String) -> AttestedTLSError {
        .malformedExtension(carrier: EvidenceCarrier.tcgTaggedEvidence.description, reason: reason)
    }
}
