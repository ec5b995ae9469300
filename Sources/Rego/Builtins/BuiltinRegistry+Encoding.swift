import Foundation

/// base64, base64url, hex, JSON and URL-query encodings.
extension BuiltinRegistry {
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64Encode(_ bytes: [UInt8], url: Bool, pad: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            let chars = [b0 >> 2, (b0 & 3) << 4 | b1 >> 4, (b1 & 15) << 2 | b2 >> 6, b2 & 63]
            let count = min(4, (bytes.count - i) * 4 / 3 + ((bytes.count - i) * 4 % 3 == 0 ? 0 : 1))
            for j in 0..<count {
                var c = base64Alphabet[Int(chars[j])]
                if url, c == UInt8(ascii: "+") { c = UInt8(ascii: "-") }
                if url, c == UInt8(ascii: "/") { c = UInt8(ascii: "_") }
                out.append(c)
            }
            if pad { for _ in count..<4 { out.append(UInt8(ascii: "=")) } }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64 (standard or URL alphabet); padding optional when `lenient`; nil when the text is not base64.
    static func base64Decode(_ text: String, url: Bool, lenient: Bool) -> [UInt8]? {
        try? Base64Text.decode(text.utf8, url: url, padding: lenient ? .optional : .required)
    }

    /// base64 of a string's UTF-8 bytes, its size reserved first.
    private static func base64(_ a: Operands, _ context: BuiltinContext, url: Bool, pad: Bool) throws(RegoError) -> Value {
        let bytes = Array(try a.string(0).utf8)
        try context.reserve(bytes: (bytes.count / 3).saturatingSum(1).saturatingProduct(4))
        return .string(base64Encode(bytes, url: url, pad: pad))
    }

    /// Decoded bytes as a string. Go keeps invalid UTF-8 in its strings and reads each byte of it as one U+FFFD;
    /// a Swift string cannot hold it, so each such byte becomes U+FFFD here (`count` agrees with OPA).
    private static func bytesToString(_ a: Operands, _ bytes: [UInt8]) throws(RegoError) -> Value {
        if let s = String(validating: bytes, as: UTF8.self) { return .string(s) }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let length = validSequenceLength(bytes, at: i)
            if length == 0 {
                scalars.append("\u{FFFD}")
                i += 1
            } else {
                scalars.append(contentsOf: String(decoding: bytes[i..<(i + length)], as: UTF8.self).unicodeScalars)
                i += length
            }
        }
        return .string(String(scalars))
    }

    /// The length of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte there does not start one.
    private static func validSequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let (length, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 0
        }
        guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { return 0 }
        for j in (i + 2)..<(i + length) where !(0x80...0xBF).contains(bytes[j]) { return 0 }
        return length
    }

    static func hexEncode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's url.QueryEscape.
    static func queryEscape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "):
                out += "+"
            default:
                let h = String(b, radix: 16, uppercase: true)
                out += "%" + (h.count == 1 ? "0" + h : h)
            }
        }
        return out
    }

    /// Go's url.QueryUnescape.
    static func queryUnescape(_ s: String) -> String? {
        var out: [UInt8] = []
        var bytes = Array(s.utf8)[...]
        while let b = bytes.first {
            bytes = bytes.dropFirst()
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%") {
                guard bytes.count >= 2, let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static let encoding: [Builtin] = [
        define("base64.encode", 1) { a, ctx in try base64(a, ctx, url: false, pad: true) },
        define("base64.decode", 1) { a, _ in
            guard let bytes = base64Decode(try a.string(0), url: false, lenient: false) else {
                throw a.failure("illegal base64 data")
            }
            return try bytesToString(a, bytes)
        },
        define("base64.is_valid", 1) { a, _ in .bool(base64Decode(try a.string(0), url: false, lenient: false) != nil) },
        define("base64url.encode", 1) { a, ctx in try base64(a, ctx, url: true, pad: true) },
        define("base64url.encode_no_pad", 1) { a, ctx in try base64(a, ctx, url: true, pad: false) },
        define("base64url.decode", 1) { a, _ in
            guard let bytes = base64Decode(try a.string(0), url: true, lenient: true) else {
                throw a.failure("illegal base64 data")
            }
            return try bytesToString(a, bytes)
        },
        define("hex.encode", 1) { a, ctx in
            let bytes = Array(try a.string(0).utf8)
            try ctx.reserve(bytes: bytes.count.saturatingProduct(2))
            return .string(hexEncode(bytes))
        },
        define("hex.decode", 1) { a, _ in
            let s = Array(try a.string(0).utf8)
            guard s.count % 2 == 0 else { throw a.failure("encoding/hex: odd length hex string") }
            var out: [UInt8] = []
            var i = 0
            while i < s.count {
                guard let v = UInt8(String(decoding: s[i..<(i + 2)], as: UTF8.self), radix: 16) else {
                    throw a.failure("encoding/hex: invalid byte: U+00\(String(s[i], radix: 16, uppercase: true)) '\(Character(Unicode.Scalar(s[i])))'")
                }
                out.append(v)
                i += 2
            }
            return try bytesToString(a, out)
        },
        define("json.marshal", 1) { a, ctx in
            try ctx.budget.checkText(of: a[0])
            var out = ""
            a[0].writeJSON(into: &out, escapeHTML: true)
            return try ctx.string(out)
        },
        define("json.marshal_with_options", 2) { a, ctx in
            let options = try a.object(1)
            let pretty = options["pretty"] == .bool(true) || options["indent"] != nil || options["prefix"] != nil
            try ctx.budget.checkText(of: a[0])
            guard pretty else {
                var out = ""
                a[0].writeJSON(into: &out, escapeHTML: true)
                return try ctx.string(out)
            }
            let indent = options["indent"]?.stringValue ?? "\t"
            let prefix = options["prefix"]?.stringValue ?? ""
            var out = BoundedOutput(ctx)
            try a[0].writePretty(into: &out, indent: indent, prefix: prefix, level: 0)
            return .string(out.string)
        },
        define("json.unmarshal", 1) { a, ctx in
            let text = try a.string(0)
            do throws(RegoError) { return try Value(json: text, limits: ctx.limits) } catch {
                throw a.failure(error.message)
            }
        },
        define("json.is_valid", 1) { a, ctx in
            guard case .string(let s) = a[0] else { return .bool(false) }
            return .bool((try? Value(json: s, limits: ctx.limits)) != nil)
        },
        define("urlquery.encode", 1) { a, ctx in try ctx.string(queryEscape(try a.string(0))) },
        define("urlquery.decode", 1) { a, _ in
            guard let s = queryUnescape(try a.string(0)) else { throw a.failure("invalid URL escape") }
            return .string(s)
        },
        define("urlquery.encode_object", 1) { a, ctx in
            var parts: [String] = []
            for (k, v) in try a.object(0).pairs {
                guard case .string(let key) = k else { throw a.typeError(0, "object[string: any<string, array[string], set[string]>]") }
                switch v {
                case .string(let s): parts.append(queryEscape(key) + "=" + queryEscape(s))
                case .array, .set:
                    for item in (v.arrayValue ?? v.setValue?.elements ?? []) {
                        guard case .string(let s) = item else { throw a.typeError(0, "object[string: any<string, array[string], set[string]>]") }
                        parts.append(queryEscape(key) + "=" + queryEscape(s))
                    }
                default: throw a.typeError(0, "object[string: any<string, array[string], set[string]>]")
                }
            }
            return try ctx.string(parts.joined(separator: "&"))
        },
        define("urlquery.decode_object", 1) { a, _ in
            var dict: [String: [Value]] = [:]
            var order: [String] = []
            for part in try a.string(0).split(separator: "&") where !part.isEmpty {
                let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let key = queryUnescape(String(kv[0])), let value = queryUnescape(kv.count > 1 ? String(kv[1]) : "") else {
                    throw a.failure("invalid URL escape")
                }
                if dict[key] == nil { order.append(key) }
                dict[key, default: []].append(.string(value))
            }
            return .object(ObjectValue(order.map { (Value.string($0), Value.array(dict[$0] ?? [])) }))
        },
    ]
}

extension Value {
    /// Indented JSON in Go's `json.MarshalIndent` style; every line's indentation is checked against the bounds
    /// before it is written (a long indent times a deep value would otherwise multiply the output).
    func writePretty(into out: inout BoundedOutput, indent: String, prefix: String, level: Int) throws(RegoError) {
        func pad(_ depth: Int) throws(RegoError) {
            try out.append(prefix)
            for _ in 0..<depth { try out.append(indent) }
        }
        switch self {
        case .array(let items) where !items.isEmpty:
            try out.append("[\n")
            for (i, v) in items.enumerated() {
                try pad(level + 1)
                try v.writePretty(into: &out, indent: indent, prefix: prefix, level: level + 1)
                try out.append(i + 1 < items.count ? ",\n" : "\n")
            }
            try pad(level)
            try out.append("]")
        case .set(let s) where !s.isEmpty:
            try Value.array(s.elements).writePretty(into: &out, indent: indent, prefix: prefix, level: level)
        case .object(let o) where !o.isEmpty:
            try out.append("{\n")
            for (i, (k, v)) in o.pairs.enumerated() {
                try pad(level + 1)
                var key = ""
                Value.writeQuoted(k.stringValue ?? k.jsonText, into: &key, escapeHTML: true)
                try out.append(key + ": ")
                try v.writePretty(into: &out, indent: indent, prefix: prefix, level: level + 1)
                try out.append(i + 1 < o.count ? ",\n" : "\n")
            }
            try pad(level)
            try out.append("}")
        default:
            var text = ""
            writeJSON(into: &text, escapeHTML: true)
            try out.append(text)
        }
    }
}
