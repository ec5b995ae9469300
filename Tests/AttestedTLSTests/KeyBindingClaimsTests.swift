import AttestationCore
import AttestedTLS
import CBOR
import Crypto
import Testing

/// The key-binding claims of TCG tagged evidence and Assay's collection: round trip, the forms producers write, and
/// refusal of claims that name no key or a key hash that cannot be checked.
struct KeyBindingClaimsTests {
    static let spki = Array("a SubjectPublicKeyInfo".utf8)

    static func refusal(_ bytes: [UInt8]) throws -> String {
        let error = try #require(throws: AttestedTLSError.self) { try KeyBindingClaims(cbor: bytes) }
        guard case .malformedExtension(let carrier, let reason) = error else {
            Issue.record("expected malformedExtension, got \(error)")
            return ""
        }
        #expect(carrier == "key-binding claims")
        return reason
    }

    /// `{"pubkey-hash": bstr .cbor [alg, digest]}` with the pair as given.
    static func claims(_ pair: CBORValue, wrapped: Bool = true) -> [UInt8] {
        CBORWriter.encode(.map([CBORMapEntry(.text("pubkey-hash"), wrapped ? .bytes(CBORWriter.encode(pair)) : pair)]))
    }

    @Test(arguments: KeyHashAlgorithm.allCases)
    func claimsReadBackAsWritten(_ algorithm: KeyHashAlgorithm) throws {
        let written = KeyBindingClaims(
            publicKeyHash: .init(of: Self.spki, algorithm: algorithm), nonce: Array(repeating: 9, count: KeyBindingClaims.maxNonceBytes),
            peerPublicKeyHash: .init(of: [4, 5, 6], algorithm: algorithm))
        let read = try KeyBindingClaims(cbor: written.encoded)
        #expect(read == written)
        #expect(read.encoded == written.encoded)
        #expect(read.publicKeyHash.names(Self.spki))
        #expect(!read.publicKeyHash.names(Self.spki + [0]))
        #expect(read.publicKeyHash.digest.count == algorithm.digest([]).count)
    }

    /// The TCG form: the hash pair wrapped in a byte string, SHA-256 = 1 (IANA Named Information).
    @Test func theTCGEncodingIsProduced() throws {
        let claims = KeyBindingClaims(publicKeyHash: .init(of: Self.spki))
        let expected = Self.claims(.array([.unsigned(1), .bytes(Array(SHA256.hash(data: Self.spki)))]))
        #expect(claims.encoded == expected)
    }

    /// Some producers write the pair as a bare array rather than a byte string holding it; unknown claims are ignored.
    @Test func theBareArrayFormAndUnknownClaimsAreAccepted() throws {
        let digest = Array(SHA384.hash(data: Self.spki))
        let bytes = CBORWriter.encode(
            .map([
                CBORMapEntry(.text("pubkey-hash"), .array([.unsigned(7), .bytes(digest)])),
                CBORMapEntry(.text("vendor-claim"), .text("ignored")),
            ]))
        let claims = try KeyBindingClaims(cbor: bytes)
        #expect(claims.publicKeyHash == .init(algorithm: .sha384, digest: digest))
        #expect(claims.nonce == nil)
        #expect(claims.peerPublicKeyHash == nil)
    }

    @Test func claimsWithoutAPubkeyHashAreRefused() throws {
        let reason = try Self.refusal(CBORWriter.encode(.map([CBORMapEntry(.text("nonce"), .bytes([1]))])))
        #expect(reason.contains("no pubkey-hash claim"))
    }

    @Test func anUnknownHashAlgorithmIsRefused() throws {
        let reason = try Self.refusal(Self.claims(.array([.unsigned(2), .bytes(Array(repeating: 0, count: 32))])))
        #expect(reason.contains("names hash algorithm 2"), "\(reason)")
    }

    @Test(arguments: [(1, 31), (1, 33), (7, 32), (8, 48), (1, 0)])
    func aDigestOfTheWrongLengthIsRefused(_ algorithm: Int, _ length: Int) throws {
        let reason = try Self.refusal(
            Self.claims(.array([.unsigned(UInt64(algorithm)), .bytes(Array(repeating: 0xAB, count: length))])))
        #expect(reason.contains("digest of \(length) bytes"), "\(reason)")
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let reason: String
        var testDescription: String { name }
    }

    static let digest = CBORValue.bytes(Array(repeating: 0, count: 32))

    static let malformed: [Malformed] = [
        Malformed(name: "not CBOR", bytes: [0xFF], reason: "indefinite-length"),
        Malformed(name: "an array", bytes: CBORWriter.encode(.array([])), reason: "not a CBOR map"),
        Malformed(name: "a hash of one item", bytes: claims(.array([.unsigned(1)])), reason: "not [hash-alg-id, digest]"),
        Malformed(name: "a text algorithm", bytes: claims(.array([.text("sha-256"), digest])), reason: "not [hash-alg-id, digest]"),
        Malformed(name: "a text digest", bytes: claims(.array([.unsigned(1), .text("00")])), reason: "not [hash-alg-id, digest]"),
        Malformed(
            name: "a byte string that is not CBOR",
            bytes: CBORWriter.encode(.map([CBORMapEntry(.text("pubkey-hash"), .bytes([0xFF]))])), reason: "pubkey-hash:"),
        Malformed(
            name: "a text nonce",
            bytes: CBORWriter.encode(
                .map([
                    CBORMapEntry(.text("pubkey-hash"), .bytes(CBORWriter.encode(.array([.unsigned(1), digest])))),
                    CBORMapEntry(.text("nonce"), .text("n")),
                ])), reason: "nonce is not a byte string"),
        Malformed(
            name: "a nonce too long",
            bytes: CBORWriter.encode(
                .map([
                    CBORMapEntry(.text("pubkey-hash"), .bytes(CBORWriter.encode(.array([.unsigned(1), digest])))),
                    CBORMapEntry(.text("nonce"), .bytes(Array(repeating: 1, count: KeyBindingClaims.maxNonceBytes + 1))),
                ])), reason: "at most \(KeyBindingClaims.maxNonceBytes) bytes"),
        Malformed(
            name: "a malformed peer-pubkey-hash",
            bytes: CBORWriter.encode(
                .map([
                    CBORMapEntry(.text("pubkey-hash"), .bytes(CBORWriter.encode(.array([.unsigned(1), digest])))),
                    CBORMapEntry(.text("peer-pubkey-hash"), .bytes(CBORWriter.encode(.array([.unsigned(9), digest])))),
                ])), reason: "peer-pubkey-hash names hash algorithm 9"),
    ]

    @Test(arguments: malformed)
    func malformedClaimsAreRefusedByName(_ input: Malformed) throws {
        let reason = try Self.refusal(input.bytes)
        #expect(reason.contains(input.reason), "\(reason)")
    }
}
