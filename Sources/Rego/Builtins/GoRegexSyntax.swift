/// Where Go's regular-expression syntax and the RE2 library's differ, and Go's `QuoteMeta`.
enum GoRegexSyntax {
    /// `pattern` as RE2 should read it: Go's `(?<name>…)` becomes RE2's `(?P<name>…)`, and `\C` (any byte), which
    /// RE2 accepts but Go does not, is refused. Quoted text (`\Q…\E`) and character classes are left alone.
    static func translate(_ pattern: String) throws(RegularExpression.SyntaxError) -> String {
        let bytes = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        var inClass = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "C") {
                    throw RegularExpression.SyntaxError(message: "error parsing regexp: invalid escape sequence: `\\C`")
                }
                if next == UInt8(ascii: "Q"), !inClass {
                    // Literal text up to \E (or the end) is copied as it is.
                    var end = i + 2
                    while end < bytes.count, !(bytes[end] == UInt8(ascii: "\\") && end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "E")) {
                        end += 1
                    }
                    end = min(end + 2, bytes.count)
                    out += bytes[i..<end]
                    i = end
                    continue
                }
                out += [b, next]
                i += 2
                continue
            }
            if inClass {
                if b == UInt8(ascii: "[") , i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ":"),
                    let close = closingPOSIXClass(bytes, from: i + 2)
                {
                    out += bytes[i..<close]
                    i = close
                    continue
                }
                if b == UInt8(ascii: "]") { inClass = false }
                out.append(b)
                i += 1
                continue
            }
            if b == UInt8(ascii: "[") {
                // A `]` right after `[` or `[^` is a literal member, not the end of the class.
                inClass = true
                var start = i + 1
                if start < bytes.count, bytes[start] == UInt8(ascii: "^") { start += 1 }
                if start < bytes.count, bytes[start] == UInt8(ascii: "]") { start += 1 }
                out += bytes[i..<start]
                i = start
                continue
            }
            if b == UInt8(ascii: "("), bytes[i...].starts(with: Array("(?<".utf8)), i + 3 < bytes.count,
                bytes[i + 3] != UInt8(ascii: "="), bytes[i + 3] != UInt8(ascii: "!")
            {
                out += Array("(?P<".utf8)
                i += 3
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index just past the `:]` closing a POSIX class name that starts at `start`, if there is one.
    private static func closingPOSIXClass(_ bytes: [UInt8], from start: Int) -> Int? {
        var j = start
        while j + 1 < bytes.count {
            if bytes[j] == UInt8(ascii: ":"), bytes[j + 1] == UInt8(ascii: "]") { return j + 2 }
            guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[j]) || bytes[j] == UInt8(ascii: "^") else { return nil }
            j += 1
        }
        return nil
    }

    /// Go's `regexp.QuoteMeta`: `text` as a pattern that matches it literally.
    static func quoteMeta(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if "\\.+*?()|[]{}^$".unicodeScalars.contains(c) { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
