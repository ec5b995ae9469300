import Interchange
import Testing

/// Renders what the reader built as compact text, so tests see structure, order and duplicates.
private struct Echo: JSONTreeBuilder {
    var allowsDuplicateMembers: Bool

    func makeNull() -> String { "null" }
    func makeBool(_ value: Bool) -> String { "\(value)" }
    func makeString(_ value: String) -> String { "\"\(value)\"" }
    func makeNumber(_ text: String, isInteger: Bool) -> String? { text == "13" ? nil : (isInteger ? "i" : "f") + text }
    func makeArray(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }
    func makeObject(_ members: [(name: String, value: String)]) -> String {
        "{" + members.map { "\($0.name):\($0.value)" }.joined(separator: ",") + "}"
    }
}

private func read(_ text: String, duplicates: Bool = false, maxDepth: Int = 8) throws(JSONSyntaxError) -> String {
    var reader = JSONReader(bytes: Array(text.utf8), maxDepth: maxDepth, builder: Echo(allowsDuplicateMembers: duplicates))
    return try reader.readDocument()
}

private func failure(_ text: String, maxDepth: Int = 8) -> JSONSyntaxError? {
    do {
        _ = try read(text, maxDepth: maxDepth)
        return nil
    } catch { return error }
}

struct JSONReaderTests {
    @Test func readsEveryKindOfValueInDocumentOrder() throws {
        #expect(try read(#" {"b": [1, -0.5, 2e3, true, false, null], "a": "x\u00e9\n"} "#)
            == "{b:[i1,f-0.5,f2e3,true,false,null],a:\"xé\n\"}")
        #expect(try read(#""\ud83d\ude00 \/""#) == "\"😀 /\"")
    }

    @Test(arguments: [
        ("01", "leading zero in number"), ("+1", "unexpected character '+'"), (".5", "unexpected character '.'"),
        ("1.", "expected a digit"), ("-", "expected a digit"), ("1e", "expected a digit"),
        (#""\ud800""#, "unpaired surrogate"), (#""\ud800\u0041""#, "unpaired surrogate"), (#""\udc00""#, "unpaired surrogate"),
        ("\"a\tb\"", "control character in string"), (#""\x""#, #"invalid escape '\x'"#), (#""\u12""#, #"truncated \u escape"#),
        ("[1,]", "unexpected character ']'"), ("{\"a\" 1}", "expected ':'"), ("{1:2}", "expected a member name"),
        ("[1 2]", "expected ',' or ']'"), ("tru", "expected 'true'"), ("1 2", "unexpected data after the JSON value"),
        ("", "unexpected end of input"), ("\"abc", "unterminated string"), ("13", "number out of range"),
    ])
    func refusesWhatRFC8259Refuses(text: String, reason: String) {
        #expect(failure(text)?.reason == reason, "\(text)")
    }

    @Test func refusesInvalidUTF8InStrings() {
        var reader = JSONReader(bytes: [0x22, 0xC3, 0x28, 0x22], maxDepth: 1, builder: Echo(allowsDuplicateMembers: false))
        #expect(throws: JSONSyntaxError(offset: 1, reason: "string is not valid UTF-8")) { try reader.readDocument() }
    }

    @Test func duplicateNamesAreRefusedOrKeptAsTheBuilderAsks() throws {
        #expect(failure(#"{"a": 1, "a": 2}"#) == JSONSyntaxError(offset: 14, reason: "duplicate member name \"a\""))
        #expect(try read(#"{"a": 1, "a": 2}"#, duplicates: true) == "{a:i1,a:i2}")
    }

    @Test func nestingIsBoundedExactly() throws {
        #expect(try read("[[[1]]]", maxDepth: 3) == "[[[i1]]]")
        let error = failure("[[[[1]]]]", maxDepth: 3)
        #expect(error?.exceedsNestingLimit == true)
        #expect(error?.offset == 4)
        // Deep enough to overflow a recursive reader's stack without the bound.
        #expect(failure(String(repeating: "[", count: 1_000_000), maxDepth: 64)?.exceedsNestingLimit == true)
    }

    @Test func valueRangesAreTheExactBytesOfEachMember() throws {
        let text = #" {"tcbInfo": {"a": [1, 2]} , "signature":"ab"} "#
        var reader = JSONReader(bytes: Array(text.utf8), maxDepth: 8, builder: Echo(allowsDuplicateMembers: false))
        let (members, ranges) = try reader.readObjectWithValueRanges()
        #expect(members.map(\.name) == ["tcbInfo", "signature"])
        let bytes = Array(text.utf8)
        #expect(ranges.mapValues { String(decoding: bytes[$0], as: UTF8.self) } == ["tcbInfo": #"{"a": [1, 2]}"#, "signature": #""ab""#])
        var array = JSONReader(bytes: Array("[1]".utf8), maxDepth: 8, builder: Echo(allowsDuplicateMembers: false))
        #expect(throws: JSONSyntaxError(offset: 0, reason: "expected a JSON object")) { try array.readObjectWithValueRanges() }
    }
}
