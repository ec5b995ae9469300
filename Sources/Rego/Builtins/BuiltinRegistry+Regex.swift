/// regex.* and glob.match on RE2 (linear-time matching, Go's syntax and semantics), over UTF-8 bytes as Go's
/// `regexp` works.
extension BuiltinRegistry {
    /// The compiled form of a Go pattern, from the shared cache; a pattern longer than
    /// `Limits.maxRegexPatternBytes` is refused before it is compiled.
    static func compileRegex(_ a: Operands, _ pattern: String, _ context: BuiltinContext) throws(RegoError) -> RegularExpression {
        guard pattern.utf8.count <= context.limits.maxRegexPatternBytes else {
            throw .limitExceeded(limit: "maxRegexPatternBytes", bound: context.limits.maxRegexPatternBytes)
        }
        do {
            return try RegexCache.expression(pattern)
        } catch {
            throw a.failure(error.message)
        }
    }

    /// Calls `body` with the UTF-8 bytes of `s` (contiguous, without copying a native string).
    private static func withBytes<T>(
        _ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws(RegoError) -> T
    ) throws(RegoError) -> T {
        var s = s
        let outcome = s.withUTF8 { bytes in Result { () throws(RegoError) -> T in try body(bytes) } }
        return try outcome.get()
    }

    /// Go's `FindAll…` over `s`: for each of up to `limit` matches (all when negative), the strings `make` builds
    /// from its offsets, counted before each is added.
    private static func findAll(
        _ regex: RegularExpression, _ s: String, limit: Int, _ context: BuiltinContext,
        _ make: (UnsafeBufferPointer<UInt8>, [Int64]) -> Value
    ) throws(RegoError) -> Value {
        var out: [Value] = []
        try withBytes(s) { (text: UnsafeBufferPointer<UInt8>) throws(RegoError) in
            try regex.forEachMatch(in: text, limit: limit) { (offsets: [Int64]) throws(RegoError) in
                try context.budget.grow(members: out.count, adding: regex.groupCount + 1)
                out.append(make(text, offsets))
            }
        }
        return .array(out)
    }

    static let regex: [Builtin] = [
        define("regex.is_valid", 1) { a, ctx in
            guard case .string(let p) = a[0], p.utf8.count <= ctx.limits.maxRegexPatternBytes else { return .bool(false) }
            return .bool((try? RegexCache.expression(p)) != nil)
        },
        define("regex.match", 2) { a, ctx in .bool(try compileRegex(a, try a.string(0), ctx).matches(try a.string(1))) },
        define("re_match", 2) { a, ctx in .bool(try compileRegex(a, try a.string(0), ctx).matches(try a.string(1))) },
        define("regex.find_n", 3) { a, ctx in
            let regex = try compileRegex(a, try a.string(0), ctx)
            return try findAll(regex, try a.string(1), limit: try a.int(2), ctx) { text, offsets in
                .string(RegularExpression.text(text, offsets, group: 0))
            }
        },
        define("regex.find_all_string_submatch_n", 3) { a, ctx in
            let regex = try compileRegex(a, try a.string(0), ctx)
            return try findAll(regex, try a.string(1), limit: try a.int(2), ctx) { text, offsets in
                .array((0...regex.groupCount).map { .string(RegularExpression.text(text, offsets, group: $0)) })
            }
        },
        define("regex.split", 2) { a, ctx in
            // Go's `Regexp.Split(s, -1)`.
            let pattern = try a.string(0)
            let regex = try compileRegex(a, pattern, ctx)
            let s = try a.string(1)
            if !pattern.isEmpty, s.isEmpty { return .array([.string("")]) }
            var parts: [Value] = []
            try withBytes(s) { (text: UnsafeBufferPointer<UInt8>) throws(RegoError) in
                var start = 0
                var end = 0
                try regex.forEachMatch(in: text, limit: -1) { (offsets: [Int64]) throws(RegoError) in
                    end = Int(offsets[0])
                    if offsets[1] != 0 {
                        try ctx.budget.grow(members: parts.count)
                        parts.append(.string(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)))
                    }
                    start = Int(offsets[1])
                }
                if end != text.count {
                    try ctx.budget.grow(members: parts.count)
                    parts.append(.string(String(decoding: UnsafeBufferPointer(rebasing: text[start...]), as: UTF8.self)))
                }
            }
            return .array(parts)
        },
        define("regex.replace", 3) { a, ctx in
            let s = try a.string(0)
            let regex = try compileRegex(a, try a.string(1), ctx)
            let template = ReplacementTemplate(try a.string(2))
            var out = BoundedOutput(ctx)
            try withBytes(s) { (text: UnsafeBufferPointer<UInt8>) throws(RegoError) in
                try regex.replaceAll(in: text, with: template, into: &out)
            }
            return .string(out.string)
        },
        define("regex.template_match", 4) { a, ctx in
            let template = try a.string(0)
            let s = try a.string(1)
            let open = try a.string(2)
            let close = try a.string(3)
            var pattern = "^"
            var rest = Substring(template)
            while !rest.isEmpty {
                if rest.hasPrefix(open), let end = rest.dropFirst(open.count).utf8Range(of: close) {
                    let inner = rest.dropFirst(open.count)
                    pattern += "(?:" + String(inner[..<end.lowerBound]) + ")"
                    rest = inner[end.upperBound...]
                } else {
                    pattern += GoRegexSyntax.quoteMeta(String(rest.removeFirst()))
                }
            }
            return .bool(try compileRegex(a, pattern + "$", ctx).matches(s))
        },
        define("glob.quote_meta", 1) { a, ctx in
            var out = ""
            for c in try a.string(0) {
                if "*?\\[]{}".contains(c) { out.append("\\") }
                out.append(c)
            }
            return try ctx.string(out)
        },
        define("glob.match", 3) { a, ctx in
            let pattern = try a.string(0)
            var delimiters: [String]
            switch a[1] {
            case .null: delimiters = []
            case .array, .set:
                delimiters = try a.strings(1)
                if delimiters.isEmpty { delimiters = ["."] }
            default: throw a.typeError(1, "one of {array, set, null}")
            }
            let s = try a.string(2)
            guard let regexPattern = Glob.regexPattern(pattern, delimiters: delimiters) else {
                throw a.failure("invalid glob pattern \(pattern)")
            }
            return .bool(try compileRegex(a, regexPattern, ctx).matches(s))
        },
    ]
}

/// Translates gobwas/glob patterns (`*`, `**`, `?`, `[a-z]`, `[!x]`, `{a,b}`) to regular expressions.
enum Glob {
    static func regexPattern(_ pattern: String, delimiters: [String]) -> String? {
        let notDelimiter: String
        if delimiters.isEmpty {
            notDelimiter = "[\\s\\S]"
        } else {
            notDelimiter = "[^" + delimiters.map(classMember).joined() + "]"
        }
        var chars = Array(pattern)[...]
        guard let body = translate(&chars, notDelimiter: notDelimiter, inAlternative: false), chars.isEmpty else { return nil }
        return "^" + body + "$"
    }

    /// Characters as members of a character class: ASCII punctuation escaped (Go allows `\` before any of it),
    /// so that none reads as a range, negation or the class's end.
    private static func classMember(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if c.isASCII, c.properties.isPatternSyntax { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }

    private static func translate(_ chars: inout ArraySlice<Character>, notDelimiter: String, inAlternative: Bool) -> String? {
        var out = ""
        while let c = chars.first {
            if inAlternative, c == "," || c == "}" { return out }
            chars = chars.dropFirst()
            switch c {
            case "*":
                if chars.first == "*" {
                    chars = chars.dropFirst()
                    out += "[\\s\\S]*"
                } else {
                    out += notDelimiter + "*"
                }
            case "?":
                out += notDelimiter
            case "[":
                var negate = false
                if chars.first == "!" || chars.first == "^" {
                    negate = true
                    chars = chars.dropFirst()
                }
                var cls = ""
                while let d = chars.first, d != "]" {
                    chars = chars.dropFirst()
                    if d == "\\", let e = chars.first {
                        chars = chars.dropFirst()
                        cls += classMember(String(e))
                    } else if d == "-" {
                        cls += "-"
                    } else {
                        cls += classMember(String(d))
                    }
                }
                guard chars.first == "]" else { return nil }
                chars = chars.dropFirst()
                out += "[" + (negate ? "^" : "") + cls + "]"
            case "{":
                var alternatives: [String] = []
                while true {
                    guard let alt = translate(&chars, notDelimiter: notDelimiter, inAlternative: true) else { return nil }
                    alternatives.append(alt)
                    guard let d = chars.first else { return nil }
                    chars = chars.dropFirst()
                    if d == "}" { break }
                }
                out += "(?:" + alternatives.joined(separator: "|") + ")"
            case "\\":
                guard let e = chars.first else { return nil }
                chars = chars.dropFirst()
                out += GoRegexSyntax.quoteMeta(String(e))
            default:
                out += GoRegexSyntax.quoteMeta(String(c))
            }
        }
        return inAlternative ? nil : out
    }
}
