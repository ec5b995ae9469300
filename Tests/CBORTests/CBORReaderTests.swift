import CBOR
import Testing

/// RFC 8949 Appendix A examples both ways, and hostile input: every bound, every malformed form.
@Suite struct CBORReaderTests {
    static let examples: [(String, CBORValue)] = [
        ("00", .unsigned(0)), ("17", .unsigned(23)), ("1818", .unsigned(24)), ("1903e8", .unsigned(1000)),
        ("1bffffffffffffffff", .unsigned(.max)), ("20", .negative(0)), ("3863", .negative(99)),
        ("40", .bytes([])), ("4401020304", .bytes([1, 2, 3, 4])), ("6161", .text("a")), ("62c3bc", .text("ü")),
        ("83010203", .array([.unsigned(1), .unsigned(2), .unsigned(3)])),
        ("a201020304", .map([CBORMapEntry(.unsigned(1), .unsigned(2)), CBORMapEntry(.unsigned(3), .unsigned(4))])),
        ("c074323031332d30332d32315432303a30343a30305a", .tagged(0, .text("2013-03-21T20:04:00Z"))),
        ("f4", .bool(false)), ("f5", .bool(true)), ("f6", .null), ("f7", .undefined), ("f0", .simple(16)),
        ("f8ff", .simple(255)),
    ]

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }

    @Test(arguments: examples.indices)
    func appendixAExamplesDecodeAndEncodeBack(_ index: Int) throws {
        let (hex, value) = Self.examples[index]
        #expect(try CBORReader.decode(Self.bytes(hex)) == value)
        #expect(CBORWriter.encode(value) == Self.bytes(hex))
    }

    @Test func floatsOfEveryWidthAreRead() throws {
        #expect(try CBORReader.decode(Self.bytes("f93c00")) == .float(1.0))
        #expect(try CBORReader.decode(Self.bytes("f9c400")) == .float(-4.0))
        #expect(try CBORReader.decode(Self.bytes("f90001")) == .float(5.960464477539063e-8))
        #expect(try CBORReader.decode(Self.bytes("f97c00")) == .float(.infinity))
        #expect(try CBORReader.decode(Self.bytes("fa47c35000")) == .float(100000.0))
        #expect(try CBORReader.decode(Self.bytes("fb3ff199999999999a")) == .float(1.1))
        let roundTrip = CBORWriter.encode(.float(1.1))
        #expect(try CBORReader.decode(roundTrip) == .float(1.1))
    }

    @Test(arguments: [
        ("18", CBORError.truncated(offset: 0)), ("5a00000010", .truncated(offset: 0)),
        ("5f4101ff", .indefiniteLength(offset: 0)), ("9f01ff", .indefiniteLength(offset: 0)),
        ("bf0102ff", .indefiniteLength(offset: 0)), ("1c", .reservedAdditionalInformation(offset: 0)),
        ("62c328", .invalidUTF8(offset: 0)), ("a201020103", .duplicateMapKey(offset: 3)), ("f801", .invalidSimpleValue(offset: 0)),
        ("0000", .trailingBytes(count: 1)), ("ff", .indefiniteLength(offset: 0)),
    ])
    func malformedInputIsNamed(hex: String, error: CBORError) {
        #expect(throws: error) { try CBORReader.decode(Self.bytes(hex)) }
    }

    /// Lengths and counts claimed beyond what remains fail before anything is allocated for them.
    @Test func claimedSizesBeyondTheInputFailAtOnce() {
        for hex in ["5bffffffffffffffff", "7bffffffffffffffff", "9bffffffffffffffff", "bbffffffffffffffff", "9a7fffffff00"] {
            #expect(throws: CBORError.truncated(offset: 0)) { try CBORReader.decode(Self.bytes(hex)) }
        }
    }

    @Test func nestingIsBounded() throws {
        let deep = [UInt8](repeating: 0x81, count: CBORReader.maxDepth + 1) + [0x00]
        #expect(throws: CBORError.tooDeep(limit: CBORReader.maxDepth)) { try CBORReader.decode(deep) }
        let tags = [UInt8](repeating: 0xC0, count: CBORReader.maxDepth + 1) + [0x00]
        #expect(throws: CBORError.tooDeep(limit: CBORReader.maxDepth)) { try CBORReader.decode(tags) }
        let fine = [UInt8](repeating: 0x81, count: CBORReader.maxDepth) + [0x00]
        #expect(try CBORReader.decode(fine).arrayValue?.count == 1)
    }

    @Test func mapsAreReadByKey() throws {
        let value = try CBORReader.decode(Self.bytes("a3016161200a6461626364f6"))
        #expect(value[1] == .text("a") && value[-1] == .unsigned(10) && value["abcd"] == .null)
        #expect(value[2] == nil && CBORValue.unsigned(3)[1] == nil)
        #expect(CBORValue.negative(9).integerValue == -10 && CBORValue.unsigned(.max).integerValue == nil)
    }
}
