import Testing
@testable import AttestationCore

@Suite struct JSONValueTests {
    @Test func roundTripsCanonicalText() throws {
        let text = #"{"a":[1,-2,3.5,true,false,null],"b":{"c":"\u00e9\n\"x\""},"big":9007199254740993}"#
        let value = try JSONValue(parsing: text)
        #expect(value["big"] == .integer(9_007_199_254_740_993))
        #expect(value["b"]?["c"] == .string("é\n\"x\""))
        #expect(try JSONValue(parsing: value.compactText) == value)
        #expect(try JSONValue(parsing: value.prettyText) == value)
    }

    @Test func sortsKeysForStableBytes() {
        let value: JSONValue = ["z": 1, "a": 2, "m": ["y": true, "b": false]]
        #expect(value.compactText == #"{"a":2,"m":{"b":false,"y":true},"z":1}"#)
    }

    @Test(arguments: [Int64.min, Int64.min + 1, -1_000_000, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_796_292_262, Int64.max])
    func writesIntegersExactly(_ value: Int64) {
        #expect(JSONValue.integer(value).compactText == String(value))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: [
        "", "{", "[1,", #"{"a" 1}"#, "01", "1.", "-", "tru", #""\x""#, #""\ud800""#, "[1] x", #"{"a":1,"a":2}"#,
        "\"a\u{01}b\"", "1e999",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: AttestationCoreError.self) { try JSONValue(parsing: text) }
    }

    @Test func boundsNestingDepth() throws {
        let ok = String(repeating: "[", count: JSONValue.maxParseDepth) + String(repeating: "]", count: JSONValue.maxParseDepth)
        _ = try JSONValue(parsing: ok)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: AttestationCoreError.self) { try JSONValue(parsing: deep) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: AttestationCoreError.self) { try JSONValue(parsing: [0x22, 0xff, 0x22]) }
    }

    @Test func followsDottedPaths() throws {
        let value = try JSONValue(parsing: #"{"pcrs":{"sha256":{"7":"ab"}}}"#)
        #expect(value.value(atPath: "pcrs.sha256.7") == .string("ab"))
        #expect(value.value(atPath: "pcrs.sha1.7") == nil)
    }

    @Test func objectsReportTheExactBytesOfEachMemberValue() throws {
        let text = Array(#" {"z": 1, "a": {"y": [1.50, "x\u00e9"], "b": null} , "s":"t"} "#.utf8)
        let (members, ranges) = try JSONValue.object(parsingWithValueRanges: text)
        #expect(Set(members.keys) == ["z", "a", "s"])
        #expect(Array(try #require(ranges["a"]).map { text[$0] }) == Array(#"{"y": [1.50, "x\u00e9"], "b": null}"#.utf8))
        #expect(Array(try #require(ranges["s"]).map { text[$0] }) == Array(#""t""#.utf8))
        #expect(members["a"]?["y"]?.arrayValue?.last == .string("xé"))
        for bad in [#"[1]"#, #"{"a":1,"a":2}"#, #"{"a":1} x"#, #"{"a":"#] {
            #expect(throws: AttestationCoreError.self) { try JSONValue.object(parsingWithValueRanges: Array(bad.utf8)) }
        }
    }

    @Test func escapesQuotesBackslashesAndControlCharactersAnywhere() throws {
        let cases: [(String, String)] = [
            ("", #""""#), ("plain é ✓", #""plain é ✓""#), ("\"", #""\"""#), ("a\\", #""a\\""#),
            ("\"\"\\x", #""\"\"\\x""#), ("\u{01}\t\n\r\u{08}\u{0C}\u{1F}", #""\u0001\t\n\r\b\f\u001f""#),
            ("end\n", #""end\n""#),
        ]
        for (value, expected) in cases {
            #expect(JSONValue.string(value).compactText == expected)
            #expect(try JSONValue(parsing: Array(expected.utf8)) == .string(value))
        }
    }
}
