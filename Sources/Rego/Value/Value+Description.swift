/// Rego's own notation for values, as OPA prints terms (`{"a": 1}`, `{1, 2}`, `set()`).
extension Value: CustomStringConvertible {
    public var description: String { regoText }

    /// The value in Rego term syntax.
    public var regoText: String {
        var out = ""
        writeRego(into: &out)
        return out
    }

    private func writeRego(into out: inout String) {
        switch self {
        case .null, .bool, .number:
            writeJSON(into: &out, escapeHTML: false)
        case .string(let s):
            Value.writeQuoted(s, into: &out, escapeHTML: false)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += ", " }
                v.writeRego(into: &out)
            }
            out += "]"
        case .set(let s):
            if s.isEmpty {
                out += "set()"
                return
            }
            out += "{"
            for (i, v) in s.elements.enumerated() {
                if i > 0 { out += ", " }
                v.writeRego(into: &out)
            }
            out += "}"
        case .object(let o):
            out += "{"
            for (i, (k, v)) in o.pairs.enumerated() {
                if i > 0 { out += ", " }
                k.writeRego(into: &out)
                out += ": "
                v.writeRego(into: &out)
            }
            out += "}"
        }
    }
}
