import Foundation

/// regex.* built-ins on ICU regular expressions, with Go's RE2 named-group syntax accepted.
extension BuiltinRegistry {
    /// Compiles a Go-syntax pattern.
    static func compileRegex(_ a: Operands, _ pattern: String) throws(RegoError) -> NSRegularExpression {
        let translated = pattern.replacingAll("(?P<", with: "(?<")
        do {
            return try NSRegularExpression(pattern: translated)
        } catch {
            throw a.failure("error parsing regexp: invalid pattern: `\(pattern)`")
        }
    }

    private static func matches(_ regex: NSRegularExpression, _ s: String, limit: Int) -> [NSTextCheckingResult] {
        let all = regex.matches(in: s, range: NSRange(s.startIndex..., in: s))
        return limit < 0 ? all : Array(all.prefix(limit))
    }

    private static func substring(_ s: String, _ range: NSRange) -> String? {
        guard range.location != NSNotFound, let r = Range(range, in: s) else { return nil }
        return String(s[r])
    }

    static let regex: [Builtin] = [
        define("regex.is_valid", 1) { a, _ in
            guard case .string(let p) = a[0] else { return .bool(false) }
            return .bool((try? NSRegularExpression(pattern: p.replacingAll("(?P<", with: "(?<"))) != nil)
        },
        define("regex.match", 2) { a, _ in
            let regex = try compileRegex(a, try a.string(0))
            let s = try a.string(1)
            return .bool(regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        },
        define("re_match", 2) { a, _ in
            let regex = try compileRegex(a, try a.string(0))
            let s = try a.string(1)
            return .bool(regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        },
        define("regex.find_n", 3) { a, _ in
            let regex = try compileRegex(a, try a.string(0))
            let s = try a.string(1)
            let n = try a.int(2)
            return .array(matches(regex, s, limit: n).compactMap { substring(s, $0.range).map(Value.string) })
        },
        define("regex.find_all_string_submatch_n", 3) { a, _ in
            let regex = try compileRegex(a, try a.string(0))
            let s = try a.string(1)
            let n = try a.int(2)
            return .array(matches(regex, s, limit: n).map { m in
                .array((0..<m.numberOfRanges).map { .string(substring(s, m.range(at: $0)) ?? "") })
            })
        },
        define("regex.split", 2) { a, _ in
            let regex = try compileRegex(a, try a.string(0))
            let s = try a.string(1)
            var parts: [Value] = []
            var last = s.startIndex
            for m in matches(regex, s, limit: -1) {
                guard let r = Range(m.range, in: s) else { continue }
                if r.isEmpty, r.lowerBound == s.startIndex { continue }
                parts.append(.string(String(s[last..<r.lowerBound])))
                last = r.upperBound
            }
            parts.append(.string(String(s[last...])))
            return .array(parts)
        },
        define("regex.replace", 3) { a, _ in
            let s = try a.string(0)
            let regex = try compileRegex(a, try a.string(1))
            let template = try a.string(2)
                .replacingAll("\\", with: "\\\\")
            var converted = ""
            var chars = Array(template)[...]
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "$", chars.first == "{" {
                    let name = chars.dropFirst().prefix { $0 != "}" }
                    chars = chars.dropFirst(name.count + 2)
                    converted += "$" + name
                } else if c == "$", chars.first == "$" {
                    chars = chars.dropFirst()
                    converted += "\\$"
                } else {
                    converted.append(c)
                }
            }
            return .string(regex.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: converted))
        },
        define("regex.template_match", 4) { a, _ in
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
                    pattern += NSRegularExpression.escapedPattern(for: String(rest.removeFirst()))
                }
            }
            let regex = try compileRegex(a, pattern + "$")
            return .bool(regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        },
        define("glob.quote_meta", 1) { a, _ in
            var out = ""
            for c in try a.string(0) {
                if "*?\\[]{}".contains(c) { out.append("\\") }
                out.append(c)
            }
            return .string(out)
        },
        define("glob.match", 3) { a, _ in
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
            let regex = try compileRegex(a, regexPattern)
            return .bool(regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
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
            notDelimiter = "[^" + delimiters.map { NSRegularExpression.escapedPattern(for: $0) }.joined() + "]"
        }
        var chars = Array(pattern)[...]
        guard let body = translate(&chars, notDelimiter: notDelimiter, inAlternative: false), chars.isEmpty else { return nil }
        return "^" + body + "$"
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
                        cls += NSRegularExpression.escapedPattern(for: String(e))
                    } else if d == "-" {
                        cls += "-"
                    } else {
                        cls += NSRegularExpression.escapedPattern(for: String(d))
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
                out += NSRegularExpression.escapedPattern(for: String(e))
            default:
                out += NSRegularExpression.escapedPattern(for: String(c))
            }
        }
        return inAlternative ? nil : out
    }
}
