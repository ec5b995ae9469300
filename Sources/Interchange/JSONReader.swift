/// Reads JSON text (RFC 8259) into the nodes of a ``JSONTreeBuilder``: a recursive descent over UTF-8 bytes with a
/// bound on nesting, strict about grammar, UTF-8 and surrogate pairs. The one JSON parser of Assay.
public struct JSONReader<Builder: JSONTreeBuilder> {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let builder: Builder
    @usableFromInline let maxDepth: Int
    /// The offset of the next byte to read.
    @usableFromInline var index = 0

    /// A reader of `bytes` that accepts at most `maxDepth` levels of arrays and objects inside the outermost value.
    @inlinable
    public init(bytes: [UInt8], maxDepth: Int, builder: Builder) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.builder = builder
    }

    /// Reads one value that, surrounded only by whitespace, spans the whole text.
    @inlinable
    public mutating func readDocument() throws(JSONSyntaxError) -> Builder.Node {
        skipWhitespace()
        let value = try readValue(depth: 0)
        try expectEnd()
        return value
    }

    /// Reads an object that spans the whole text, with the byte range of each member's value: for documents signed
    /// over the exact bytes of one member (Intel's TCB info and QE identity envelopes).
    @inlinable
    public mutating func readObjectWithValueRanges() throws(JSONSyntaxError) -> (
        members: [(name: String, value: Builder.Node)], valueRanges: [String: Range<Int>]
    ) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw failure("expected a JSON object") }
        var ranges: [String: Range<Int>]? = [:]
        let members = try readMembers(depth: 0, valueRanges: &ranges)
        try expectEnd()
        return (members, ranges ?? [:])
    }

    @inlinable
    func failure(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: index, reason: reason) }

    @inlinable
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected data after the JSON value") }
    }

    @inlinable
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inlinable
    mutating func readValue(depth: Int) throws(JSONSyntaxError) -> Builder.Node {
        guard depth <= maxDepth else {
            throw JSONSyntaxError(offset: index, reason: "nesting deeper than \(maxDepth) levels", exceedsNestingLimit: true)
        }
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var ranges: [String: Range<Int>]?
            return builder.makeObject(try readMembers(depth: depth, valueRanges: &ranges))
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return builder.makeString(try readString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return builder.makeBool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return builder.makeBool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return builder.makeNull()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw failure("unexpected character '\(Unicode.Scalar(bytes[index]))'")
        }
    }

    @inlinable
    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("expected '\(literal)'") }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw failure("expected '\(literal)'")
        }
        index += count
    }

    /// The members of the object at ``index``; records where each value lies when `valueRanges` is not nil.
    @inlinable
    mutating func readMembers(
        depth: Int, valueRanges: inout [String: Range<Int>]?
    ) throws(JSONSyntaxError) -> [(name: String, value: Builder.Node)] {
        index += 1
        var members: [(name: String, value: Builder.Node)] = []
        var names: Set<String>? = builder.allowsDuplicateMembers ? nil : []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let name = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            if names != nil, names?.insert(name).inserted == false {
                throw failure("duplicate member name \"\(name)\"")
            }
            let start = index
            members.append((name, try readValue(depth: depth + 1)))
            valueRanges?[name] = start..<index
            guard try readSeparator(closing: "}", in: "object") else { return members }
        }
    }

    @inlinable
    mutating func readArray(depth: Int) throws(JSONSyntaxError) -> Builder.Node {
        index += 1
        var elements: [Builder.Node] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return builder.makeArray(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth + 1))
            guard try readSeparator(closing: "]", in: "array") else { return builder.makeArray(elements) }
        }
    }

    /// After an element of an array or object: true past a `,` (another element follows), false past `closing`.
    @inlinable
    mutating func readSeparator(closing: Unicode.Scalar, in container: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unterminated \(container)") }
        let byte = bytes[index]
        guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: closing) else { throw failure("expected ',' or '\(closing)'") }
        index += 1
        return byte == UInt8(ascii: ",")
    }

    @inlinable
    mutating func readString() throws(JSONSyntaxError) -> String {
        index += 1
        // Fast path: no escapes, one validation of the whole run.
        var scan = index
        while scan < bytes.count, bytes[scan] != UInt8(ascii: "\""), bytes[scan] != UInt8(ascii: "\\"), bytes[scan] >= 0x20 {
            scan += 1
        }
        if scan < bytes.count, bytes[scan] == UInt8(ascii: "\"") {
            guard let text = String(validating: bytes[index..<scan], as: UTF8.self) else {
                throw failure("string is not valid UTF-8")
            }
            index = scan + 1
            return text
        }
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try appendRun(runStart..<index, to: &scalars)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 { throw failure("control character in string") }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            try appendRun(runStart..<index, to: &scalars)
            index += 1
            guard index < bytes.count else { throw failure("unterminated escape") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"): scalars.append(try readUnicodeEscape())
            default: throw failure("invalid escape '\\\(Unicode.Scalar(escape))'")
            }
            runStart = index
        }
    }

    @inlinable
    func appendRun(_ run: Range<Int>, to scalars: inout String.UnicodeScalarView) throws(JSONSyntaxError) {
        guard !run.isEmpty else { return }
        guard let text = String(validating: bytes[run], as: UTF8.self) else { throw failure("string is not valid UTF-8") }
        scalars.append(contentsOf: text.unicodeScalars)
    }

    @inlinable
    mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    @inlinable
    mutating func readUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try readHex4()
        if (0xD800...0xDBFF).contains(first) {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw failure("unpaired surrogate") }
            index += 2
            let second = try readHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("unpaired surrogate") }
            guard let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) else {
                throw failure("invalid code point")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else { throw failure("unpaired surrogate") }
        return scalar
    }

    @inlinable
    mutating func readNumber() throws(JSONSyntaxError) -> Builder.Node {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        try skipDigits(allowLeadingZero: false)
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try skipDigits(allowLeadingZero: true)
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            try skipDigits(allowLeadingZero: true)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = builder.makeNumber(text, isInteger: isInteger) else { throw failure("number out of range") }
        return number
    }

    @inlinable
    mutating func skipDigits(allowLeadingZero: Bool) throws(JSONSyntaxError) {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard index > start else { throw failure("expected a digit") }
        if !allowLeadingZero, index - start > 1, bytes[start] == UInt8(ascii: "0") {
            throw failure("leading zero in number")
        }
    }
}
