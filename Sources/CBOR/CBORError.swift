/// Why bytes are not one well-formed CBOR item of the subset this module reads.
public enum CBORError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input ends inside an item.
    case truncated(offset: Int)
    /// An indefinite-length string, array or map (major types 2–5 with additional information 31).
    case indefiniteLength(offset: Int)
    /// Additional information 28–30, which RFC 8949 reserves.
    case reservedAdditionalInformation(offset: Int)
    /// Nesting deeper than the reader's bound.
    case tooDeep(limit: Int)
    /// More items than the reader's bound.
    case tooManyItems(limit: Int)
    /// A text string that is not UTF-8.
    case invalidUTF8(offset: Int)
    /// A map with the same key twice.
    case duplicateMapKey(offset: Int)
    /// Simple values 20–31 encoded in two bytes, which RFC 8949 forbids.
    case invalidSimpleValue(offset: Int)
    /// Bytes after the item.
    case trailingBytes(count: Int)

    public var description: String {
        switch self {
        case .truncated(let offset): return "CBOR input ends inside the item at byte \(offset)"
        case .indefiniteLength(let offset): return "indefinite-length CBOR item at byte \(offset) (only definite lengths are accepted)"
        case .reservedAdditionalInformation(let offset): return "reserved CBOR additional information at byte \(offset)"
        case .tooDeep(let limit): return "CBOR nesting deeper than \(limit)"
        case .tooManyItems(let limit): return "more than \(limit) CBOR items"
        case .invalidUTF8(let offset): return "CBOR text string at byte \(offset) is not UTF-8"
        case .duplicateMapKey(let offset): return "CBOR map key at byte \(offset) appears twice"
        case .invalidSimpleValue(let offset): return "invalid two-byte CBOR simple value at byte \(offset)"
        case .trailingBytes(let count): return "\(count) bytes follow the CBOR item"
        }
    }
}
