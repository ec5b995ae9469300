/// Tokenises one action, from just after `{{` to its `}}`.
struct TemplateActionLexer {
    var rest: Substring
    var trimAfter = false

    init(text: Substring) { rest = text }

    private static func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private mutating func name() -> String {
        let n = rest.prefix(while: TemplateActionLexer.isNameCharacter)
        rest = rest.dropFirst(n.count)
        return String(n)
    }

    /// `.a.b` after a term.
    private mutating func fields() -> [String] {
        var out: [String] = []
        while rest.first == ".", let next = rest.dropFirst().first, TemplateActionLexer.isNameCharacter(next) {
            rest = rest.dropFirst()
            out.append(name())
        }
        return out
    }

    mutating func tokens() throws(GoTemplate.Failure) -> [TemplateParser.TemplateToken] {
        var out: [TemplateParser.TemplateToken] = []
        while true {
            rest = rest.drop(while: \.isWhitespace)
            if rest.hasPrefix("-}}") {
                trimAfter = true
                rest = rest.dropFirst(3)
                return out
            }
            if rest.hasPrefix("}}") {
                rest = rest.dropFirst(2)
                return out
            }
            guard let c = rest.first else { throw .init(message: "unclosed action") }
            switch c {
            case ".":
                if let next = rest.dropFirst().first, TemplateActionLexer.isNameCharacter(next), !next.isNumber {
                    out.append(.field(fields()))
                } else if let next = rest.dropFirst().first, next.isNumber {
                    out.append(.number(number()))
                } else {
                    rest = rest.dropFirst()
                    out.append(.field([]))
                }
            case "$":
                rest = rest.dropFirst()
                let n = "$" + name()
                out.append(.variable(n, fields()))
            case "\"":
                out.append(.string(try quoted()))
            case "`":
                rest = rest.dropFirst()
                guard let end = rest.firstIndex(of: "`") else { throw .init(message: "unterminated raw quoted string") }
                out.append(.string(String(rest[..<end])))
                rest = rest[rest.index(after: end)...]
            case ":" where rest.hasPrefix(":="):
                rest = rest.dropFirst(2)
                out.append(.declare)
            case "=":
                rest = rest.dropFirst()
                out.append(.assign)
            case ",":
                rest = rest.dropFirst()
                out.append(.comma)
            case "|":
                rest = rest.dropFirst()
                out.append(.pipe)
            case "(":
                rest = rest.dropFirst()
                out.append(.open)
            case ")":
                rest = rest.dropFirst()
                let f = fields()
                out.append(f.isEmpty ? .close : .closeFields(f))
            case "-", "+", "0"..."9":
                out.append(.number(number()))
            default:
                guard TemplateActionLexer.isNameCharacter(c) else { throw .init(message: "unexpected \"\(c)\" in command") }
                out.append(.identifier(name()))
            }
        }
    }

    private mutating func number() -> String {
        var n = ""
        if let sign = rest.first, sign == "-" || sign == "+" {
            n.append(sign)
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "x" || $0.isHexDigit }
        rest = rest.dropFirst(digits.count)
        return n + digits
    }

    private mutating func quoted() throws(GoTemplate.Failure) -> String {
        rest = rest.dropFirst()
        var s = ""
        while let c = rest.first {
            rest = rest.dropFirst()
            switch c {
            case "\"": return s
            case "\\":
                guard let e = rest.first else { break }
                rest = rest.dropFirst()
                switch e {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                case "\\", "\"": s.append(e)
                default: throw .init(message: "unknown escape sequence \\\(e)")
                }
            case "\n": throw .init(message: "unterminated quoted string")
            default: s.append(c)
            }
        }
        throw .init(message: "unterminated quoted string")
    }
}
