import Interchange

extension JSONValue {
    /// Deepest nesting of arrays and objects accepted from untrusted JSON.
    public static let maxParseDepth = 64

    /// Parses JSON text (RFC 8259); the whole input must be one value, surrounded only by whitespace. An object
    /// that names a member twice is refused: two readers of the document could otherwise see different values.
    public init<Bytes: Collection>(parsing bytes: Bytes) throws where Bytes.Element == UInt8 {
        var reader = JSONReader(bytes: Array(bytes), maxDepth: Self.maxParseDepth, builder: JSONValueBuilder())
        do { self = try reader.readDocument() } catch { throw AttestationCoreError(error) }
    }

    /// Parses JSON text from a string.
    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses JSON text that must be an object, with the byte range in `bytes` of each member's value: for
    /// documents signed over the exact bytes of one member (Intel's TCB info and QE identity envelopes).
    public static func object(
        parsingWithValueRanges bytes: [UInt8]
    ) throws -> (members: [String: JSONValue], valueRanges: [String: Range<Int>]) {
        var reader = JSONReader(bytes: bytes, maxDepth: maxParseDepth, builder: JSONValueBuilder())
        do {
            let (members, ranges) = try reader.readObjectWithValueRanges()
            return (JSONValueBuilder.dictionary(members), ranges)
        } catch { throw AttestationCoreError(error) }
    }
}

extension AttestationCoreError {
    init(_ error: JSONSyntaxError) {
        self = .invalidJSON(offset: error.offset, reason: error.reason)
    }
}

/// `JSONValue`s from the reader: integers exact in `Int64`, other numbers finite `Double`s, no duplicate names.
struct JSONValueBuilder: JSONTreeBuilder {
    var allowsDuplicateMembers: Bool { false }

    func makeNull() -> JSONValue { .null }
    func makeBool(_ value: Bool) -> JSONValue { .bool(value) }
    func makeString(_ value: String) -> JSONValue { .string(value) }

    func makeNumber(_ text: String, isInteger: Bool) -> JSONValue? {
        if isInteger, let exact = Int64(text) { return .integer(exact) }
        guard let double = Double(text), double.isFinite else { return nil }
        return .double(double)
    }

    func makeArray(_ elements: [JSONValue]) -> JSONValue { .array(elements) }
    func makeObject(_ members: [(name: String, value: JSONValue)]) -> JSONValue { .object(Self.dictionary(members)) }

    /// The members as a dictionary (the reader has refused duplicate names).
    static func dictionary(_ members: [(name: String, value: JSONValue)]) -> [String: JSONValue] {
        Dictionary(members.lazy.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
