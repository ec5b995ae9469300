/// Splits template text into text and actions and parses the actions.
struct TemplateParser {
    enum Piece {
        case text(String)
        case action([TemplateToken])
    }

    enum TemplateToken: Equatable {
        case field([String])
        case variable(String, [String])
        case identifier(String)
        case string(String)
        case number(String)
        case declare, assign, comma, pipe, open, close
        case closeFields([String])
    }

    var pieces: [Piece]
    var index = 0

    init(pieces: [Piece]) { self.pieces = pieces }

    var atEnd: Bool { index >= pieces.count }

    /// The keyword an action at the cursor starts with (`end`, `else`...), if it is one.
    var peekKeyword: String? {
        guard index < pieces.count, case .action(let tokens) = pieces[index], case .identifier(let name)? = tokens.first,
            ["end", "else", "if", "range", "with"].contains(name)
        else { return nil }
        return name
    }

    /// Splits the text at `{{ }}`, applying trim markers and dropping comments.
    static func split(_ text: String) throws(GoTemplate.Failure) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        var trimNext = false
        while !rest.isEmpty {
            guard let open = rest.utf8Range(of: "{{") else {
                pieces.append(.text(String(trimNext ? rest.drop(while: \.isWhitespace) : rest)))
                break
            }
            var literal = rest[..<open.lowerBound]
            if trimNext { literal = literal.drop(while: \.isWhitespace) }
            var inner = rest[open.upperBound...]
            if inner.hasPrefix("- ") || inner.hasPrefix("-\t") || inner.hasPrefix("-\n") {
                while let last = literal.last, last.isWhitespace { literal = literal.dropLast() }
                inner = inner.dropFirst()
            }
            if !literal.isEmpty { pieces.append(.text(String(literal))) }
            let trimmed = inner.drop(while: \.isWhitespace)
            if trimmed.hasPrefix("/*") {
                guard let end = trimmed.utf8Range(of: "*/") else { throw .init(message: "unclosed comment") }
                var after = trimmed[end.upperBound...].drop(while: \.isWhitespace)
                trimNext = after.hasPrefix("-}}")
                if trimNext { after = after.dropFirst() }
                guard after.hasPrefix("}}") else { throw .init(message: "comment ends before closing delimiter") }
                rest = after.dropFirst(2)
                continue
            }
            var lexer = TemplateActionLexer(text: inner)
            let tokens = try lexer.tokens()
            trimNext = lexer.trimAfter
            rest = lexer.rest
            pieces.append(.action(tokens))
        }
        return pieces
    }

    /// Parses nodes up to an action whose first word is in `terminators` (left unconsumed) or the end.
    mutating func parseList(depth: Int, terminators: Set<String>) throws(GoTemplate.Failure) -> [GoTemplate.Node] {
        guard depth <= GoTemplate.maxDepth else { throw .init(message: "template nests deeper than \(GoTemplate.maxDepth)") }
        var nodes: [GoTemplate.Node] = []
        while index < pieces.count {
            switch pieces[index] {
            case .text(let s):
                nodes.append(.text(s))
                index += 1
            case .action(let tokens):
                if case .identifier(let word)? = tokens.first, terminators.contains(word) { return nodes }
                index += 1
                nodes.append(try parseAction(tokens, depth: depth))
            }
        }
        guard terminators.isEmpty else { throw .init(message: "unexpected EOF") }
        return nodes
    }

    private mutating func parseAction(_ tokens: [TemplateToken], depth: Int) throws(GoTemplate.Failure) -> GoTemplate.Node {
        guard case .identifier(let word)? = tokens.first, ["if", "range", "with", "end", "else"].contains(word) else {
            return .action(try TemplateParser.pipeline(tokens[...], depth: depth))
        }
        let rest = tokens.dropFirst()
        switch word {
        case "if", "with":
            let condition = try TemplateParser.pipeline(rest, depth: depth)
            let body = try parseList(depth: depth + 1, terminators: ["else", "end"])
            let otherwise = try parseElse(depth: depth, chainWord: word)
            return word == "if"
                ? .conditional(condition, then: body, otherwise: otherwise)
                : .with(condition, body: body, otherwise: otherwise)
        case "range":
            let source = try TemplateParser.pipeline(rest, depth: depth)
            guard source.variables.count <= 2 else { throw .init(message: "too many declarations in range") }
            let key = source.variables.count == 2 ? source.variables[0] : nil
            let value = source.variables.last
            let body = try parseList(depth: depth + 1, terminators: ["else", "end"])
            let otherwise = try parseElse(depth: depth, chainWord: nil)
            return .range(GoTemplate.Pipeline(commands: source.commands), key: key, value: value, body: body, otherwise: otherwise)
        default:
            throw .init(message: "unexpected {{\(word)}}")
        }
    }

    /// After a body: `{{end}}`, `{{else}} ... {{end}}`, or (for if/with) `{{else if ...}}` starting a nested chain.
    private mutating func parseElse(depth: Int, chainWord: String?) throws(GoTemplate.Failure) -> [GoTemplate.Node] {
        guard index < pieces.count, case .action(let tokens) = pieces[index], case .identifier(let word)? = tokens.first else {
            throw .init(message: "unexpected EOF")
        }
        index += 1
        if word == "end" { return [] }
        if let chainWord, tokens.count > 1, case .identifier(chainWord)? = tokens.dropFirst().first {
            // `else if c` is `else` + `if c ... end` sharing the outer `end`.
            return [try parseAction(Array(tokens.dropFirst()), depth: depth + 1)]
        }
        guard tokens.count == 1 else { throw .init(message: "unexpected tokens after else") }
        let otherwise = try parseList(depth: depth + 1, terminators: ["end"])
        index += 1
        return otherwise
    }

    /// Parses `[$a [, $b] :=|=] command | command ...`.
    static func pipeline(_ tokens: ArraySlice<TemplateToken>, depth: Int) throws(GoTemplate.Failure) -> GoTemplate.Pipeline {
        guard depth <= GoTemplate.maxDepth else { throw .init(message: "template nests deeper than \(GoTemplate.maxDepth)") }
        var tokens = tokens
        var result = GoTemplate.Pipeline()
        if let declaration = tokens.firstIndex(where: { $0 == .declare || $0 == .assign }) {
            for (i, t) in tokens[..<declaration].enumerated() {
                switch t {
                case .variable(let name, []) where i % 2 == 0: result.variables.append(name)
                case .comma where i % 2 == 1: break
                default: throw .init(message: "unexpected declaration")
                }
            }
            tokens = tokens[(declaration + 1)...]
        }
        var command: [GoTemplate.Argument] = []
        while let t = tokens.first {
            tokens = tokens.dropFirst()
            switch t {
            case .pipe:
                guard !command.isEmpty else { throw .init(message: "missing command before |") }
                result.commands.append(command)
                command = []
            case .open:
                var level = 1
                var end = tokens.startIndex
                while end < tokens.endIndex {
                    if tokens[end] == .open { level += 1 }
                    if case .close = tokens[end] { level -= 1 }
                    if case .closeFields = tokens[end] { level -= 1 }
                    if level == 0 { break }
                    end += 1
                }
                guard end < tokens.endIndex else { throw .init(message: "unclosed left paren") }
                let inner = try pipeline(tokens[..<end], depth: depth + 1)
                var fields: [String] = []
                if case .closeFields(let f) = tokens[end] { fields = f }
                command.append(.nested(inner, fields))
                tokens = tokens[(end + 1)...]
            case .field(let fields): command.append(.dot(fields))
            case .variable(let name, let fields): command.append(.variable(name, fields))
            case .string(let s): command.append(.literal(.string(s)))
            case .number(let text):
                guard let n = Number(parsing: text) else { throw .init(message: "bad number syntax: \(text)") }
                command.append(.literal(.number(n)))
            case .identifier("true"): command.append(.literal(.bool(true)))
            case .identifier("false"): command.append(.literal(.bool(false)))
            case .identifier("nil"): command.append(.literal(.null))
            case .identifier(let name): command.append(.function(name))
            case .close, .closeFields: throw .init(message: "unexpected right paren")
            case .comma, .declare, .assign: throw .init(message: "unexpected \(t)")
            }
        }
        guard !command.isEmpty else { throw .init(message: "missing value for command") }
        result.commands.append(command)
        return result
    }
}
