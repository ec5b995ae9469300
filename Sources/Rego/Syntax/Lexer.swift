/// Splits Rego source into tokens, decoding string escapes and tracking line:column.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private let file: String
    /// The comments, by line: the text after `#` (for `# METADATA` annotation blocks).
    private(set) var comments: [Int: String] = [:]

    init(_ source: String, file: String) {
        scalars = Array(source.unicodeScalars)
        self.file = file
    }

    private func location() -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Tokenizes the whole source; the last token is `.eof`.
    mutating func tokenize() throws(RegoError) -> [Token] {
        var tokens: [Token] = []
        while true {
            var newline = tokens.isEmpty
            var space = tokens.isEmpty
            while let c = peek() {
                if c == "\n" {
                    newline = true
                    space = true
                    advance()
                } else if c == " " || c == "\t" || c == "\r" {
                    space = true
                    advance()
                } else if c == "#" {
                    space = true
                    let commentLine = line
                    advance()
                    var text = ""
                    while let d = peek(), d != "\n" {
                        text.unicodeScalars.append(d)
                        advance()
                    }
                    comments[commentLine] = text
                } else {
                    break
                }
            }
            let startLine = line
            let startColumn = column
            guard let c = peek() else {
                tokens.append(Token(kind: .eof, text: "", line: line, column: column, newlineBefore: true, spaceBefore: true))
                return tokens
            }
            let (kind, text) = try scanToken(c)
            tokens.append(Token(kind: kind, text: text, line: startLine, column: startColumn, newlineBefore: newline, spaceBefore: space))
        }
    }

    private static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private mutating func scanToken(_ c: Unicode.Scalar) throws(RegoError) -> (Token.Kind, String) {
        if Lexer.isIdentStart(c) {
            var s = ""
            while let d = peek(), Lexer.isIdentStart(d) || Lexer.isDigit(d) {
                s.unicodeScalars.append(d)
                advance()
            }
            return (.identifier, s)
        }
        if Lexer.isDigit(c) || (c == "." && peek(1).map(Lexer.isDigit) == true) {
            return (.number, try scanNumber())
        }
        switch c {
        case "\"":
            let start = location()
            advance()
            return (.string, try scanQuoted(terminator: "\"", start: start))
        case "`":
            advance()
            var s = ""
            while let d = peek(), d != "`" {
                s.unicodeScalars.append(d)
                advance()
            }
            guard peek() != nil else { throw .parse(message: "non-terminated raw string", location: location()) }
            advance()
            return (.rawString, s)
        case "$" where peek(1) == "\"" || peek(1) == "`":
            advance()
            let quote = peek() ?? "\""
            advance()
            return (.template, try scanTemplate(raw: quote == "`"))
        default:
            break
        }
        let two: [String: Token.Kind] = [":=": .assign, "==": .equal, "!=": .notEqual, "<=": .lessEqual, ">=": .greaterEqual]
        if let n = peek(1) {
            var pair = String(c)
            pair.unicodeScalars.append(n)
            if let kind = two[pair] {
                advance()
                advance()
                return (kind, pair)
            }
        }
        let one: [Unicode.Scalar: Token.Kind] = [
            "{": .lbrace, "}": .rbrace, "[": .lbracket, "]": .rbracket, "(": .lparen, ")": .rparen,
            ".": .dot, ",": .comma, ";": .semicolon, ":": .colon, "=": .unify, "<": .less, ">": .greater,
            "+": .plus, "-": .minus, "*": .star, "/": .slash, "%": .percent, "&": .amp, "|": .pipe,
        ]
        if let kind = one[c] {
            advance()
            return (kind, String(c))
        }
        throw .parse(message: "illegal token '\(c)'", location: location())
    }

    private mutating func scanNumber() throws(RegoError) -> String {
        var s = ""
        while let d = peek(), Lexer.isDigit(d) {
            s.unicodeScalars.append(d)
            advance()
        }
        if peek() == ".", let n = peek(1), Lexer.isDigit(n) {
            s += "."
            advance()
            while let d = peek(), Lexer.isDigit(d) {
                s.unicodeScalars.append(d)
                advance()
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if let d = peek(signed ? 2 : 1), Lexer.isDigit(d) {
                s.unicodeScalars.append(e)
                advance()
                if signed, let sign = peek() {
                    s.unicodeScalars.append(sign)
                    advance()
                }
                while let d = peek(), Lexer.isDigit(d) {
                    s.unicodeScalars.append(d)
                    advance()
                }
            }
        }
        if let d = peek(), Lexer.isIdentStart(d) || d == "." {
            throw .parse(message: "illegal number format", location: location())
        }
        return s
    }

    private mutating func scanEscape(into s: inout String) throws(RegoError) {
        let escLocation = location()
        advance()
        guard let e = peek() else { throw .parse(message: "non-terminated string", location: escLocation) }
        advance()
        switch e {
        case "\"": s += "\""
        case "\\": s += "\\"
        case "/": s += "/"
        case "b": s += "\u{08}"
        case "f": s += "\u{0C}"
        case "n": s += "\n"
        case "r": s += "\r"
        case "t": s += "\t"
        case "u":
            var value = try scanHex4(escLocation)
            if value >= 0xD800, value < 0xDC00, peek() == "\\", peek(1) == "u" {
                advance()
                advance()
                let low = try scanHex4(escLocation)
                value = 0x10000 + ((value - 0xD800) << 10) + (low &- 0xDC00)
            }
            s.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        default:
            throw .parse(message: "illegal escape sequence '\\\(e)'", location: escLocation)
        }
    }

    private mutating func scanHex4(_ at: SourceLocation) throws(RegoError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let h = peek(), h.isASCII, let d = UInt32(String(h), radix: 16) else { throw .parse(message: "illegal unicode escape", location: at) }
            value = value * 16 + d
            advance()
        }
        return value
    }

    private mutating func scanQuoted(terminator: Unicode.Scalar, start: SourceLocation) throws(RegoError) -> String {
        var s = ""
        while let c = peek() {
            if c == terminator {
                advance()
                return s
            }
            if c == "\n" { break }
            if c == "\\" {
                try scanEscape(into: &s)
            } else {
                s.unicodeScalars.append(c)
                advance()
            }
        }
        throw .parse(message: "non-terminated string", location: start)
    }

    /// Scans a template string body; `{` and `}` delimit embedded expressions and are kept,
    /// literal braces are written `\{` and `\}` and come back as U+E000 and U+E001.
    private mutating func scanTemplate(raw: Bool) throws(RegoError) -> String {
        let start = location()
        let terminator: Unicode.Scalar = raw ? "`" : "\""
        var s = ""
        var depth = 0
        while let c = peek() {
            if depth == 0, c == terminator {
                advance()
                return s
            }
            if !raw, c == "\n" { break }
            if c == "\\", !raw, depth == 0, let n = peek(1), n == "{" || n == "}" {
                advance()
                advance()
                s.unicodeScalars.append(n == "{" ? "\u{E000}" : "\u{E001}")
                continue
            }
            if c == "\\", !raw, depth == 0 {
                try scanEscape(into: &s)
                continue
            }
            if c == "{" { depth += 1 }
            // A `}` outside an expression is literal text.
            if c == "}", depth > 0 { depth -= 1 }
            if depth > 0, c == "\"" {
                s.unicodeScalars.append(c)
                advance()
                while let d = peek(), d != "\"", d != "\n" {
                    s.unicodeScalars.append(d)
                    advance()
                    if d == "\\", let e = peek() {
                        s.unicodeScalars.append(e)
                        advance()
                    }
                }
                if let d = peek(), d == "\"" {
                    s.unicodeScalars.append(d)
                    advance()
                }
                continue
            }
            s.unicodeScalars.append(c)
            advance()
        }
        throw .parse(message: "non-terminated string", location: start)
    }
}
