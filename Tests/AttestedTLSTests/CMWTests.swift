import AttestationCore
import AttestedTLS
import CBOR
import Testing

/// The CMW reader (draft-ietf-rats-msg-wrap, CBOR form) and Assay's collection on top of it: what it writes it
/// reads back, and what is not a wrapper, or is nested or wide beyond its bounds, is refused by name.
struct CMWTests {
    /// The carrier every CMW refusal names.
    static func refusal(_ body: () throws -> Void) throws -> String {
        let error = try #require(throws: AttestedTLSError.self) { try body() }
        guard case .malformedExtension(let carrier, let reason) = error else {
            Issue.record("expected malformedExtension, got \(error)")
            return ""
        }
        #expect(carrier == "id-pe-cmw")
        return reason
    }

    static func record(_ type: String = "application/x") -> CBORValue { .array([.text(type), .bytes([1, 2, 3])]) }

    /// `levels` collections nested in one another around one record.
    static func nested(_ levels: Int) -> CBORValue {
        var value = record()
        for _ in 0..<levels { value = .map([CBORMapEntry(.text("inner"), value)]) }
        return value
    }

    @Test(arguments: [
        CMW.record(type: "application/eat+cwt", value: [0xD2, 0x84], indicator: CMW.Indicator.evidence),
        CMW.record(type: "application/vnd.example", value: [], indicator: nil),
        CMW.collection([
            ("a", .record(type: "t", value: [1], indicator: 1)),
            ("b", .collection([("c", .record(type: "u", value: [2, 3], indicator: nil))])),
        ]),
    ])
    func aWrapperReadsBackAsWritten(_ wrapper: CMW) throws {
        let again = try CMW(cbor: wrapper.encoded)
        #expect(again == wrapper)
        #expect(again.encoded == wrapper.encoded)
    }

    /// CoAP content-format numbers as types, integer labels (read as their decimal text) and the collection type
    /// marker `__cmwc_t`.
    @Test func numbersAndTheCollectionTypeAreRead() throws {
        let bytes = CBORWriter.encode(
            .map([
                CBORMapEntry(.unsigned(7), .array([.unsigned(60), .bytes([9])])),
                CBORMapEntry(.negative(0), .array([.text("t"), .bytes([8])])),
                CBORMapEntry(.text("__cmwc_t"), .text("tag:example.com,2024:collection")),
            ]))
        let wrapper = try CMW(cbor: bytes)
        let record = try #require(wrapper["7"]?.record)
        #expect(record.type == "60")
        #expect(record.value == [9])
        #expect(wrapper["-1"]?.record?.value == [8])
        #expect(wrapper["__cmwc_t"] == nil)
        #expect(try CMW(cbor: wrapper.encoded) == wrapper)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let reason: String
        var testDescription: String { name }
        init(_ name: String, _ value: CBORValue, _ reason: String) {
            self.init(name, CBORWriter.encode(value), reason)
        }
        init(_ name: String, _ bytes: [UInt8], _ reason: String) {
            self.name = name
            self.bytes = bytes
            self.reason = reason
        }
    }

    static let malformed: [Malformed] = [
        Malformed("not CBOR", [0xFF], "indefinite-length"),
        Malformed("trailing bytes", CBORWriter.encode(record()) + [0], "1 bytes follow the CBOR item"),
        Malformed("an integer", .unsigned(5), "a CMW is a record (array) or a collection (map)"),
        Malformed("a record of one item", .array([.text("t")]), "2 or 3 items"),
        Malformed("a record of four items", .array([.text("t"), .bytes([]), .unsigned(4), .null]), "2 or 3 items"),
        Malformed("a byte-string type", .array([.bytes([1]), .bytes([])]), "type is a text string or a content-format number"),
        Malformed("a text value", .array([.text("t"), .text("v")]), "value is a byte string"),
        Malformed("a negative ind", .array([.text("t"), .bytes([]), .negative(0)]), "ind is an unsigned integer"),
        Malformed("a byte-string label", .map([CBORMapEntry(.bytes([1]), record())]), "label is a text string or an integer"),
        Malformed(
            "an integer label and its text",
            .map([CBORMapEntry(.unsigned(5), record()), CBORMapEntry(.text("5"), record())]),
            "the collection label 5 appears twice"),
        Malformed(
            "a negative label and its text",
            .map([CBORMapEntry(.negative(UInt64.max), record()), CBORMapEntry(.text("-18446744073709551616"), record())]),
            "the collection label -18446744073709551616 appears twice"),
        Malformed("nested too deep", nested(CMW.maxDepth + 1), "nested deeper than \(CMW.maxDepth)"),
        Malformed(
            "too many entries",
            .map((0...CMW.maxEntries).map { CBORMapEntry(.text("e\($0)"), record()) }),
            "\(CMW.maxEntries + 1) entries (at most \(CMW.maxEntries))"),
    ]

    @Test(arguments: malformed)
    func malformedWrappersAreRefusedByName(_ input: Malformed) throws {
        let reason = try Self.refusal { _ = try CMW(cbor: input.bytes) }
        #expect(reason.contains(input.reason), "\(reason)")
    }

    /// The bounds are inclusive: as deep and as wide as allowed is read.
    @Test func theBoundsThemselvesAreAccepted() throws {
        #expect(throws: Never.self) { try CMW(cbor: CBORWriter.encode(Self.nested(CMW.maxDepth))) }
        let widest = CBORValue.map((1...CMW.maxEntries).map { CBORMapEntry(.text("e\($0)"), Self.record()) })
        guard case .collection(let items) = try CMW(cbor: CBORWriter.encode(widest)) else {
            Issue.record("not a collection")
            return
        }
        #expect(items.count == CMW.maxEntries)
    }

    @Test(arguments: [nil, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln"])
    func assaysCollectionReadsBackAsWritten(_ token: String?) throws {
        let claims = KeyBindingClaims(publicKeyHash: .init(of: [1, 2, 3]), nonce: [7, 7])
        let written = AssayCMW(evidence: Evidence(tee: .sample, bytes: [0xAA, 0xBB]), claims: claims, token: token)
        let read = try AssayCMW(try CMW(cbor: written.wrapper.encoded))
        #expect(read.evidence == written.evidence)
        #expect(read.claims == claims)
        #expect(read.claimsBytes == claims.encoded)
        #expect(read.token == token)
        #expect(read.wrapper == written.wrapper)
    }

    static let claimsRecord = CBORValue.array([.text(AssayCMW.claimsType), .bytes(KeyBindingClaims(publicKeyHash: .init(of: [1])).encoded)])
    static let evidenceRecord = CBORValue.array([.text("application/vnd.assay.sample-evidence"), .bytes([1]), .unsigned(4)])

    static let malformedCollections: [Malformed] = [
        Malformed("a bare record", evidenceRecord, "no 'evidence' record"),
        Malformed("no evidence", .map([CBORMapEntry(.text("claims"), claimsRecord)]), "no 'evidence' record"),
        Malformed(
            "another evidence type",
            .map([
                CBORMapEntry(.text("evidence"), .array([.text("application/eat+cwt"), .bytes([1])])),
                CBORMapEntry(.text("claims"), claimsRecord),
            ]),
            "is not application/vnd.assay.<tee>-evidence"),
        Malformed(
            "an empty TEE name",
            .map([
                CBORMapEntry(.text("evidence"), .array([.text("application/vnd.assay.-evidence"), .bytes([1])])),
                CBORMapEntry(.text("claims"), claimsRecord),
            ]),
            "is not application/vnd.assay.<tee>-evidence"),
        Malformed("no claims", .map([CBORMapEntry(.text("evidence"), evidenceRecord)]), "no 'claims' record"),
        Malformed(
            "claims of another type",
            .map([
                CBORMapEntry(.text("evidence"), evidenceRecord),
                CBORMapEntry(.text("claims"), .array([.text("application/cbor"), .bytes([0xA0])])),
            ]),
            "no 'claims' record"),
        Malformed(
            "a token of another type",
            .map([
                CBORMapEntry(.text("evidence"), evidenceRecord), CBORMapEntry(.text("claims"), claimsRecord),
                CBORMapEntry(.text("ear"), .array([.text("application/jwt"), .bytes([0x61])])),
            ]),
            "the 'ear' record"),
        Malformed(
            "a token that is not UTF-8",
            .map([
                CBORMapEntry(.text("evidence"), evidenceRecord), CBORMapEntry(.text("claims"), claimsRecord),
                CBORMapEntry(.text("ear"), .array([.text(AssayCMW.tokenType), .bytes([0xFF, 0xFE])])),
            ]),
            "the 'ear' record"),
    ]

    @Test(arguments: malformedCollections)
    func assaysCollectionRefusesWhatItDoesNotHold(_ input: Malformed) throws {
        let reason = try Self.refusal { _ = try AssayCMW(try CMW(cbor: input.bytes)) }
        #expect(reason.contains(input.reason), "\(reason)")
    }

    /// Malformed claims inside an otherwise good collection are refused as claims.
    @Test func malformedClaimsInTheCollectionAreRefused() throws {
        let bytes = CBORWriter.encode(
            .map([
                CBORMapEntry(.text("evidence"), Self.evidenceRecord),
                CBORMapEntry(.text("claims"), .array([.text(AssayCMW.claimsType), .bytes([0xA0])])),
            ]))
        #expect(throws: AttestedTLSError.malformedExtension(
            carrier: "key-binding claims", reason: "no pubkey-hash claim: the evidence does not name the certificate's key")
        ) { try AssayCMW(try CMW(cbor: bytes)) }
    }
}
