import CBOR

extension CBORValue {
    /// The map entries, or a ``CoRIMError/malformed(location:reason:)`` naming `location`.
    func map(at location: String) throws -> [CBORMapEntry] {
        guard let entries = mapValue else { throw CoRIMError.malformed(location: location, reason: "expected a map") }
        return entries
    }

    /// The array items, at most `limit` of them, or an error naming `location`.
    func array(at location: String, limit: Int) throws -> [CBORValue] {
        guard let items = arrayValue else { throw CoRIMError.malformed(location: location, reason: "expected an array") }
        guard items.count <= limit else { throw CoRIMError.tooMany(location: location, count: items.count, limit: limit) }
        return items
    }

    /// Text of at most `limit` UTF-8 bytes, or an error naming `location`.
    func text(at location: String, limit: Int) throws -> String {
        guard let text = textValue else { throw CoRIMError.malformed(location: location, reason: "expected a text string") }
        guard text.utf8.count <= limit else {
            throw CoRIMError.malformed(location: location, reason: "text of \(text.utf8.count) bytes, above the limit of \(limit)")
        }
        return text
    }

    /// The item under an integer label of a map value.
    subscript(label label: Int) -> CBORValue? { self[Int64(label)] }

    /// A short human-readable form for messages (integers, text, tags; other items by kind).
    var summary: String {
        switch self {
        case .unsigned(let value): return String(value)
        case .negative(let value): return "-\(value &+ 1)"
        case .text(let text): return "'\(text.prefix(64))'"
        case .bytes(let bytes): return "\(bytes.count)-byte string"
        case .tagged(let tag, let item): return "tag \(tag)(\(item.summary))"
        case .array(let items): return "array of \(items.count)"
        case .map(let entries): return "map of \(entries.count)"
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .undefined: return "undefined"
        case .simple(let value): return "simple(\(value))"
        case .float(let value): return String(value)
        }
    }
}
