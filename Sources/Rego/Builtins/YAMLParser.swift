/// Reads the YAML that policies exchange into Rego values, as OPA's YAML-to-JSON conversion does: block mappings
/// and sequences (including `- key: value` items), flow collections across lines, plain, single- and double-quoted
/// scalars, literal (`|`) and folded (`>`) block scalars, comments and a leading `---`. Plain scalars resolve to
/// null, booleans (YAML 1.1 spellings included), integers and floats; keys become strings. Anchors, tags and
/// multiple documents are refused with an error rather than misread.
struct YAMLParser {
    /// A line of the document: its number (1-based), indentation and text after it.
    fileprivate struct Line {
        let number: Int
        var indent: Int
        var text: Substring
    }

    /// Why the text is not YAML this reader accepts, worded as Go's YAML library words it (`yaml: line 3: ...`).
    struct Failure: Error {
        let message: String
    }

    private var lines: [Line]
    private var index = 0
    private let maxDepth: Int

    init(_ text: String, maxDepth: Int) {
        var out: [Line] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            let indent = line.prefix { $0 == " " }.count
            out.append(Line(number: i + 1, indent: indent, text: line.dropFirst(indent)))
        }
        lines = out
        self.maxDepth = maxDepth
    }

    private func fail(_ message: String, line: Int? = nil) -> Failure {
        let number = line ?? (index < lines.count ? lines[index].number : lines.count)
        return Failure(message: "yaml: line \(number): \(message)")
    }

    private static func isBlank(_ text: Substring) -> Bool {
        let content = text.drop { $0 == " " || $0 == "\t" }
        return content.isEmpty || content.first == "#"
    }

    private mutating func skipBlank() {
        while index < lines.count, YAMLParser.isBlank(lines[index].text) { index += 1 }
    }

    /// Parses the whole document.
    mutating func parse() throws(Failure) -> Value {
        skipBlank()
        if index < lines.count, lines[index].indent == 0, lines[index].text == "---" || lines[index].text.hasPrefix("--- ") {
            lines[index].text = lines[index].text.dropFirst(3)
            lines[index].indent += 3
            if YAMLParser.isBlank(lines[index].text) { index += 1 }
        }
        let value = try parseBlock(minIndent: 0, depth: 0)
        skipBlank()
        guard index >= lines.count else {
            if lines[index].text.hasPrefix("---") { throw fail("multiple documents are not supported") }
            throw fail("did not find expected <document start>")
        }
        return value ?? .null
    }

    /// The node whose first line is the next non-blank line, if it is indented at least `minIndent`.
    private mutating func parseBlock(minIndent: Int, depth: Int) throws(Failure) -> Value? {
        guard depth <= maxDepth else { throw fail("exceeded max depth of \(maxDepth)") }
        skipBlank()
        guard index < lines.count, lines[index].indent >= minIndent else { return nil }
        let indent = lines[index].indent
        let text = lines[index].text
        if text == "-" || text.hasPrefix("- ") {
            return try parseSequence(indent: indent, depth: depth)
        }
        if YAMLParser.mappingColon(in: text) != nil {
            return try parseMapping(indent: indent, depth: depth)
        }
        return try parseInlineValue(depth: depth, parentIndent: minIndent - 1)
    }

    private mutating func parseSequence(indent: Int, depth: Int) throws(Failure) -> Value {
        var items: [Value] = []
        while true {
            skipBlank()
            guard index < lines.count, lines[index].indent == indent else { break }
            let text = lines[index].text
            guard text == "-" || text.hasPrefix("- ") else { break }
            let rest = text.dropFirst().drop { $0 == " " }
            if YAMLParser.isBlank(rest) {
                index += 1
                items.append(try parseBlock(minIndent: indent + 1, depth: depth + 1) ?? .null)
            } else {
                // The item starts on this line, at the column after `- `: read it as if it began a line there.
                lines[index].indent = indent + (text.count - rest.count)
                lines[index].text = rest
                items.append(try parseBlock(minIndent: indent + 1, depth: depth + 1) ?? .null)
            }
        }
        if index < lines.count, lines[index].indent > indent, !YAMLParser.isBlank(lines[index].text) {
            throw fail("did not find expected '-' indicator")
        }
        return .array(items)
    }

    private mutating func parseMapping(indent: Int, depth: Int) throws(Failure) -> Value {
        var pairs: [(Value, Value)] = []
        var seen = Set<Value>()
        while true {
            skipBlank()
            guard index < lines.count, lines[index].indent == indent else { break }
            let text = lines[index].text
            if text == "-" || text.hasPrefix("- ") { break }
            guard let colon = YAMLParser.mappingColon(in: text) else { throw fail("could not find expected ':'") }
            let keyText = text[..<colon].trimmingTrailingSpaces()
            let key = try YAMLParser.keyValue(keyText, line: lines[index].number)
            guard seen.insert(key).inserted else { throw fail("mapping key \(key.regoText) already defined") }
            let rest = text[text.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            let value: Value
            if YAMLParser.isBlank(rest) {
                index += 1
                // A sequence may sit at the key's own indentation.
                skipBlank()
                if index < lines.count, lines[index].indent == indent, lines[index].text == "-" || lines[index].text.hasPrefix("- ") {
                    value = try parseSequence(indent: indent, depth: depth + 1)
                } else {
                    value = try parseBlock(minIndent: indent + 1, depth: depth + 1) ?? .null
                }
            } else {
                lines[index].indent += text.count - rest.count
                lines[index].text = rest
                value = try parseInlineValue(depth: depth + 1, parentIndent: indent)
            }
            pairs.append((key, value))
        }
        if index < lines.count, lines[index].indent > indent, !YAMLParser.isBlank(lines[index].text) {
            throw fail("mapping values are not allowed in this context")
        }
        return .object(ObjectValue(pairs))
    }

    /// The position of the `:` that makes the line a mapping entry: outside quotes and brackets, followed by a space
    /// or the end of the line.
    private static func mappingColon(in text: Substring) -> Substring.Index? {
        guard let first = text.first, !"[{#&*!|>%@`".contains(first) else { return nil }
        var i = text.startIndex
        if first == "\"" || first == "'" {
            // A quoted key: skip to its closing quote.
            var j = text.index(after: i)
            while j < text.endIndex {
                if text[j] == "\\", first == "\"" {
                    j = text.index(after: j)
                    if j < text.endIndex { j = text.index(after: j) }
                    continue
                }
                if text[j] == first { break }
                j = text.index(after: j)
            }
            guard j < text.endIndex else { return nil }
            i = text.index(after: j)
        }
        while i < text.endIndex {
            let c = text[i]
            if c == "#", i > text.startIndex, text[text.index(before: i)] == " " { return nil }
            if c == ":" {
                let next = text.index(after: i)
                if next == text.endIndex || text[next] == " " || text[next] == "\t" { return i }
            }
            i = text.index(after: i)
        }
        return nil
    }

    private static func keyValue(_ text: Substring, line: Int) throws(Failure) -> Value {
        var scalar = text
        let value: Value
        if let quote = scalar.first, quote == "\"" || quote == "'" {
            value = .string(try unquote(&scalar, line: line))
        } else {
            value = resolve(text)
        }
        // Keys become strings as in JSON.
        switch value {
        case .string: return value
        case .null: return .string("null")
        default: return .string(value.regoText)
        }
    }

    /// A value that starts on the current line: flow collection, quoted or plain scalar, or block scalar.
    private mutating func parseInlineValue(depth: Int, parentIndent: Int) throws(Failure) -> Value {
        let line = lines[index]
        let text = line.text
        guard let first = text.first else { throw fail("did not find expected node content") }
        switch first {
        case "[", "{":
            var cursor = FlowCursor(lines: lines, line: index, column: text.startIndex)
            let value = try cursor.parseValue(depth: depth, maxDepth: maxDepth)
            cursor.skipSpace()
            guard cursor.atLineEnd else { throw fail("did not find expected <document start>", line: cursor.lineNumber) }
            index = cursor.line + 1
            return value
        case "|", ">":
            index += 1
            return .string(blockScalar(folded: first == ">", header: text.dropFirst(), parentIndent: parentIndent))
        case "&", "*", "!":
            throw fail("anchors, aliases and tags are not supported")
        case "\"", "'":
            var rest = text
            let s = try YAMLParser.unquote(&rest, line: line.number)
            guard YAMLParser.isBlank(rest) else { throw fail("did not find expected key") }
            index += 1
            return .string(s)
        default:
            var content = text
            if let comment = content.utf8Range(of: " #") { content = content[..<comment.lowerBound] }
            index += 1
            // Continuation lines of a multi-line plain scalar, folded with spaces.
            var joined = String(content.trimmingTrailingSpaces())
            while index < lines.count, lines[index].indent > parentIndent, !YAMLParser.isBlank(lines[index].text), YAMLParser.mappingColon(in: lines[index].text) == nil,
                !(lines[index].text.hasPrefix("- ") || lines[index].text == "-")
            {
                joined += " " + lines[index].text.trimmingTrailingSpaces()
                index += 1
            }
            return YAMLParser.resolve(Substring(joined))
        }
    }

    /// A `|` or `>` block scalar: the following lines indented more than the parent, with `-`/`+` chomping.
    private mutating func blockScalar(folded: Bool, header: Substring, parentIndent: Int) -> String {
        let chomp = header.first { $0 == "-" || $0 == "+" }
        var body: [Substring] = []
        var indent: Int?
        while index < lines.count {
            let l = lines[index]
            let blank = l.text.allSatisfy { $0 == " " || $0 == "\t" }
            if !blank {
                if let indent, l.indent < indent { break }
                if indent == nil {
                    guard l.indent > parentIndent else { break }
                    indent = l.indent
                }
            }
            let extra = blank ? "" : String(repeating: " ", count: l.indent - (indent ?? l.indent))
            body.append(Substring(extra) + l.text)
            index += 1
        }
        while let last = body.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { body.removeLast() }
        var text = ""
        for (i, l) in body.enumerated() {
            if i > 0 { text += folded && !l.isEmpty && !body[i - 1].isEmpty ? " " : "\n" }
            text += l
        }
        if chomp != "-", !body.isEmpty { text += "\n" }
        return text
    }

    /// Reads a quoted scalar from the start of `text`, leaving what follows it.
    static func unquote(_ text: inout Substring, line: Int) throws(Failure) -> String {
        guard let quote = text.first else { return "" }
        var out = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if c == quote {
                let next = text.index(after: i)
                if quote == "'", next < text.endIndex, text[next] == "'" {
                    out.append("'")
                    i = text.index(after: next)
                    continue
                }
                text = text[next...]
                return out
            }
            if c == "\\", quote == "\"" {
                i = text.index(after: i)
                guard i < text.endIndex else { break }
                switch text[i] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "\"", "\\", "/": out.append(text[i])
                case "u", "U", "x":
                    let width = text[i] == "x" ? 2 : text[i] == "u" ? 4 : 8
                    let digits = text[text.index(after: i)...].prefix(width)
                    guard digits.count == width, let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw Failure(message: "yaml: line \(line): found unknown escape character while parsing a quoted scalar")
                    }
                    out.unicodeScalars.append(scalar)
                    i = text.index(i, offsetBy: width)
                default:
                    throw Failure(message: "yaml: line \(line): found unknown escape character while parsing a quoted scalar")
                }
                i = text.index(after: i)
                continue
            }
            out.append(c)
            i = text.index(after: i)
        }
        throw Failure(message: "yaml: line \(line): found unexpected end of stream while scanning a quoted scalar")
    }

    /// The value of a plain scalar: null, boolean, number or string.
    static func resolve(_ text: Substring) -> Value {
        let s = String(text)
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        let unsigned = s.first == "-" || s.first == "+" ? s.dropFirst() : Substring(s)
        let isDecimal = !unsigned.isEmpty && unsigned.allSatisfy { $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }
            && unsigned.first.map { $0.isNumber || $0 == "." } == true
        if isDecimal, let n = Number(parsing: s.first == "+" ? String(s.dropFirst()) : s) { return .number(n) }
        if unsigned.hasPrefix("0x"), let v = Int(unsigned.dropFirst(2), radix: 16) { return .int(s.first == "-" ? -v : v) }
        if unsigned.hasPrefix("0o"), let v = Int(unsigned.dropFirst(2), radix: 8) { return .int(s.first == "-" ? -v : v) }
        return .string(s)
    }
}

extension YAMLParser {
    /// Reads a flow collection (`[a, {b: c}]`) that may continue over several lines.
    fileprivate struct FlowCursor {
        let lines: [Line]
        var line: Int
        var column: Substring.Index

        init(lines: [Line], line: Int, column: Substring.Index) {
            self.lines = lines
            self.line = line
            self.column = column
        }

        var lineNumber: Int { line < lines.count ? lines[line].number : lines.count }

        private var text: Substring { lines[line].text }

        var atLineEnd: Bool { line >= lines.count || column >= text.endIndex || text[column] == "#" }

        private func fail(_ message: String) -> Failure {
            Failure(message: "yaml: line \(lineNumber): \(message)")
        }

        /// The next character, moving to following lines past blanks and comments; nil at the end of the text.
        mutating func peek() -> Character? {
            while line < lines.count {
                let t = text
                while column < t.endIndex, t[column] == " " || t[column] == "\t" { column = t.index(after: column) }
                if column < t.endIndex, t[column] != "#" { return t[column] }
                line += 1
                if line < lines.count { column = lines[line].text.startIndex }
            }
            return nil
        }

        /// Skips spaces on the current line only.
        mutating func skipSpace() {
            guard line < lines.count else { return }
            let t = text
            while column < t.endIndex, t[column] == " " || t[column] == "\t" { column = t.index(after: column) }
        }

        private mutating func advance() { column = text.index(after: column) }

        mutating func parseValue(depth: Int, maxDepth: Int) throws(Failure) -> Value {
            guard depth <= maxDepth else { throw fail("exceeded max depth of \(maxDepth)") }
            guard let c = peek() else { throw fail("did not find expected node content") }
            switch c {
            case "[":
                advance()
                var items: [Value] = []
                while true {
                    guard let next = peek() else { throw fail("did not find expected ',' or ']'") }
                    if next == "]" {
                        advance()
                        return .array(items)
                    }
                    items.append(try parseValue(depth: depth + 1, maxDepth: maxDepth))
                    guard let separator = peek() else { throw fail("did not find expected ',' or ']'") }
                    if separator == "," {
                        advance()
                    } else if separator != "]" {
                        throw fail("did not find expected ',' or ']'")
                    }
                }
            case "{":
                advance()
                var pairs: [(Value, Value)] = []
                while true {
                    guard let next = peek() else { throw fail("did not find expected ',' or '}'") }
                    if next == "}" {
                        advance()
                        return .object(ObjectValue(pairs))
                    }
                    let key = try parseScalar(inKey: true)
                    var value = Value.null
                    if peek() == ":" {
                        advance()
                        if let n = peek(), n != ",", n != "}" { value = try parseValue(depth: depth + 1, maxDepth: maxDepth) }
                    }
                    let name: Value = key.stringValue.map(Value.string) ?? .string(key == .null ? "null" : key.regoText)
                    pairs.append((name, value))
                    guard let separator = peek() else { throw fail("did not find expected ',' or '}'") }
                    if separator == "," {
                        advance()
                    } else if separator != "}" {
                        throw fail("did not find expected ',' or '}'")
                    }
                }
            default:
                return try parseScalar(inKey: false)
            }
        }

        private mutating func parseScalar(inKey: Bool) throws(Failure) -> Value {
            guard let c = peek() else { throw fail("did not find expected node content") }
            if c == "\"" || c == "'" {
                var rest = text[column...]
                let s = try YAMLParser.unquote(&rest, line: lineNumber)
                column = rest.startIndex
                return .string(s)
            }
            let t = text
            var end = column
            while end < t.endIndex {
                let d = t[end]
                if d == "," || d == "]" || d == "}" || d == "[" || d == "{" { break }
                if d == ":" {
                    let next = t.index(after: end)
                    if next == t.endIndex || " ,]}".contains(t[next]) { break }
                }
                if d == "#", end > t.startIndex, t[t.index(before: end)] == " " { break }
                end = t.index(after: end)
            }
            let token = t[column..<end].trimmingTrailingSpaces()
            column = end
            guard !token.isEmpty || inKey else { throw fail("did not find expected node content") }
            return YAMLParser.resolve(token)
        }
    }
}

extension Substring {
    /// The text without trailing spaces and tabs.
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
