/// A JSON value that keeps object members in document order, numbers as written and the byte range of every
/// value in its input.
///
/// Intel signs TCB info and QE identity over the exact bytes of the inner object, so a verifier must be able to
/// slice those bytes out of the envelope and, for documents someone pretty-printed, rebuild Intel's compact form
/// without reordering keys. `AttestationCore.JSONValue` sorts keys, so it cannot do either.
public struct OrderedJSON: Sendable, Hashable {
    /// One object member.
    public struct Member: Sendable, Hashable {
        public let key: String
        public let value: OrderedJSON
    }

    /// The kinds of JSON values.
    public indirect enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        /// A number, exactly as written.
        case number(String)
        case string(String)
        case array([OrderedJSON])
        /// Members in document order; keys are unique.
        case object([Member])
    }

    /// The value.
    public let value: Value
    /// Where the value's text lies in the parsed input (byte offsets).
    public let range: Range<Int>

    /// The member named `key`, if this is an object that has it.
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members, if this is an object.
    public var members: [Member]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var elements: [OrderedJSON]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The string, if this is a string.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The integer, if this is a number written as an integer that fits 64 bits.
    public var integer: Int64? {
        if case .number(let text) = value { return Int64(text) }
        return nil
    }

    /// The boolean, if this is a boolean.
    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// `text` without the whitespace between tokens: Intel's compact serialisation of a document that was
    /// pretty-printed, with keys, strings and numbers exactly as written. `text` must be valid JSON.
    public static func compact(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var inString = false
        var escaped = false
        for byte in text {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if !OrderedJSONParser.isWhitespace(byte) {
                out.append(byte)
            }
        }
        return out
    }
}
