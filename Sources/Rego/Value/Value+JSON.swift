import Interchange

/// Conversion between values and JSON text.
extension Value {
    /// Parses JSON text; numbers stay exact. Throws `RegoError.invalidInput` or a depth limit.
    public init(json: String, limits: Limits = Limits()) throws(RegoError) {
        // The reader bounds the levels inside the outermost value; maxJSONDepth counts the outermost too.
        var reader = JSONReader(bytes: Array(json.utf8), maxDepth: limits.maxJSONDepth - 1, builder: ValueJSONBuilder())
        do { self = try reader.readDocument() } catch {
            if error.exceedsNestingLimit {
                throw .limitExceeded(limit: "maxJSONDepth", bound: limits.maxJSONDepth, location: nil)
            }
            throw .invalidInput(message: "JSON: \(error.reason) at offset \(error.offset)")
        }
    }

    /// Compact JSON text; sets become sorted arrays, non-string keys their JSON text.
    public var jsonText: String {
        var out = ""
        writeJSON(into: &out, escapeHTML: false)
        return out
    }

    /// Writes compact JSON; `escapeHTML` escapes `<`, `>` and `&` as Go's encoder does.
    func writeJSON(into out: inout String, escapeHTML: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.description
        case .string(let s): Value.writeQuoted(s, into: &out, escapeHTML: escapeHTML)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.writeJSON(into: &out, escapeHTML: escapeHTML)
            }
            out += "]"
        case .set(let s):
            Value.array(s.elements).writeJSON(into: &out, escapeHTML: escapeHTML)
        case .object(let o):
            out += "{"
            for (i, (k, v)) in o.pairs.enumerated() {
                if i > 0 { out += "," }
                if case .string(let ks) = k {
                    Value.writeQuoted(ks, into: &out, escapeHTML: escapeHTML)
                } else {
                    Value.writeQuoted(k.jsonText, into: &out, escapeHTML: escapeHTML)
                }
                out += ":"
                v.writeJSON(into: &out, escapeHTML: escapeHTML)
            }
            out += "}"
        }
    }

    /// Appends `s` as a JSON string literal.
    static func writeQuoted(_ s: String, into out: inout String, escapeHTML: Bool) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where escapeHTML: out += "\\u003c"
            case ">" where escapeHTML: out += "\\u003e"
            case "&" where escapeHTML: out += "\\u0026"
            case "\u{2028}" where escapeHTML: out += "\\u2028"
            case "\u{2029}" where escapeHTML: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
