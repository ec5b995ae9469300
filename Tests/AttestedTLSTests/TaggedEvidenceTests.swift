import AttestedTLS
import CBOR
import Testing

/// TCG DICE tagged evidence (2.23.133.5.4.9): CBOR tag 60000 over `[evidence, claims]`, the claims kept byte-exact.
struct TaggedEvidenceTests {
    static let claims = KeyBindingClaims(publicKeyHash: .init(of: [1, 2, 3]))

    static func refusal(_ bytes: [UInt8]) throws -> AttestedTLSError {
        try #require(throws: AttestedTLSError.self) { try TaggedEvidence(cbor: bytes) }
    }

    @Test func taggedEvidenceReadsBackAsWritten() throws {
        let written = TaggedEvidence(evidence: [3, 0, 2, 0, 0xAA], claims: Self.claims)
        let read = try TaggedEvidence(cbor: written.encoded)
        #expect(read == written)
        #expect(read.claimsBytes == Self.claims.encoded)
        #expect(read.encoded == written.encoded)
    }

    /// The claims bytes are what the quote binds: kept as they came, not re-encoded (here with an unknown claim).
    @Test func theClaimsBytesAreKeptExactly() throws {
        let claimsBytes = CBORWriter.encode(
            .map([
                CBORMapEntry(.text("extra"), .unsigned(1)),
                CBORMapEntry(.text("pubkey-hash"), .bytes(CBORWriter.encode(.array([.unsigned(1), .bytes(Array(repeating: 0, count: 32))])))),
            ]))
        let bytes = CBORWriter.encode(.tagged(TaggedEvidence.tag, .array([.bytes([1]), .bytes(claimsBytes)])))
        let read = try TaggedEvidence(cbor: bytes)
        #expect(read.claimsBytes == claimsBytes)
        #expect(read.claims.encoded != claimsBytes)
    }

    @Test(arguments: [TaggedEvidence.tag - 1, TaggedEvidence.tag + 1, 18])
    func anotherTagIsRefused(_ tag: UInt64) throws {
        let bytes = CBORWriter.encode(.tagged(tag, .array([.bytes([1]), .bytes(Self.claims.encoded)])))
        #expect(try Self.refusal(bytes) == .malformedExtension(carrier: "tcg-tagged-evidence", reason: "not CBOR tag 60000"))
    }

    @Test func anUntaggedArrayIsRefused() throws {
        let bytes = CBORWriter.encode(.array([.bytes([1]), .bytes(Self.claims.encoded)]))
        #expect(try Self.refusal(bytes) == .malformedExtension(carrier: "tcg-tagged-evidence", reason: "not CBOR tag 60000"))
    }

    @Test(arguments: [
        CBORValue.array([.bytes([1])]),
        .array([.bytes([1]), .bytes([0xA0]), .bytes([])]),
        .array([.text("quote"), .bytes([0xA0])]),
        .map([]),
    ])
    func aBodyThatIsNotTwoByteStringsIsRefused(_ body: CBORValue) throws {
        #expect(
            try Self.refusal(CBORWriter.encode(.tagged(TaggedEvidence.tag, body)))
                == .malformedExtension(carrier: "tcg-tagged-evidence", reason: "tag 60000 does not hold [evidence bstr, claims bstr]"))
    }

    @Test func claimsThatNameNoKeyAreRefused() throws {
        let bytes = CBORWriter.encode(.tagged(TaggedEvidence.tag, .array([.bytes([1]), .bytes([0xA0])])))
        guard case .malformedExtension(let carrier, _) = try Self.refusal(bytes) else {
            Issue.record("not a malformed extension")
            return
        }
        #expect(carrier == "key-binding claims")
    }
}
