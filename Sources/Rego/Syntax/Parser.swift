/// Recursive-descent parser for Rego v1 (and v0 when asked) producing modules and queries.
struct Parser {
    var tokens: [Token]
    var pos = 0
    let file: String
    let version: RegoVersion
    let maxDepth: Int
    var depth = 0
    /// Keywords in force: all of them in v1; in v0 those imported from `future.keywords`.
    var keywords: Set<String>
    /// Set when nesting passed `maxParserDepth`: a parse that backtracks must not try another reading then.
    var depthExceeded = false
    /// For each `(` token, whether its parentheses hold `and`/`or`/`not`/`with` (computed on first use).
    var groupHints: [Int: Bool]?
    /// Comment text by line, for annotations.
    var comments: [Int: String] = [:]
    /// The annotations of the package, when a `# METADATA` block precedes it.
    var packageAnnotations: Value?

    static let futureKeywords: Set<String> = ["in", "every", "if", "contains"]

    init(source: String, file: String, version: RegoVersion, limits: Limits) throws(RegoError) {
        guard source.utf8.count <= limits.maxSourceBytes else {
            throw .limitExceeded(limit: "maxSourceBytes", bound: limits.maxSourceBytes, location: SourceLocation(file: file, line: 1, column: 1))
        }
        var lexer = Lexer(source, file: file)
        tokens = try lexer.tokenize()
        comments = lexer.comments
        self.file = file
        self.version = version
        maxDepth = limits.maxParserDepth
        keywords = version == .v1 ? Parser.futureKeywords : []
    }

    var token: Token { tokens[pos] }

    func peek(_ offset: Int) -> Token { tokens[max(0, min(pos + offset, tokens.count - 1))] }

    mutating func advance() {
        if pos < tokens.count - 1 { pos += 1 }
    }

    func location(_ t: Token) -> SourceLocation { SourceLocation(file: file, line: t.line, column: t.column) }

    var here: SourceLocation { location(token) }

    func failure(_ message: String, at t: Token? = nil) -> RegoError {
        .parse(message: message, location: location(t ?? token))
    }

    func unexpected(_ expecting: String) -> RegoError {
        failure("unexpected \(token.display) token: expected \(expecting)")
    }

    /// Whether the current identifier starts a reference (`if.foo`, `as[x]`), which makes
    /// even a keyword an ordinary name.
    var startsReference: Bool {
        let next = peek(1)
        return (next.kind == .dot || next.kind == .lbracket) && !next.spaceBefore
    }

    func isKeyword(_ name: String) -> Bool {
        guard token.kind == .identifier, token.text == name, !startsReference else { return false }
        return Parser.futureKeywords.contains(name) ? keywords.contains(name) : true
    }

    mutating func expect(_ kind: Token.Kind, _ what: String) throws(RegoError) {
        guard token.kind == kind else { throw unexpected(what) }
        advance()
    }

    mutating func enter() throws(RegoError) {
        depth += 1
        guard depth <= maxDepth else {
            depthExceeded = true
            throw failure("nesting depth exceeds Limits.maxParserDepth (\(maxDepth)); flatten the expression")
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: Modules

    /// Parses a whole module.
    mutating func parseModule() throws(RegoError) -> Module {
        let start = here
        guard token.kind == .identifier, token.text == "package" else {
            throw failure("package expected")
        }
        packageAnnotations = try annotations(before: token.line, scope: "package")
        advance()
        let path = try parseImportPath()
        var module = Module(file: file, package: path, imports: [], rules: [], location: start)
        while token.kind != .eof {
            if token.kind == .semicolon {
                advance()
                continue
            }
            guard token.newlineBefore || token.spaceBefore || pos == 0 else { throw unexpected("newline") }
            if token.kind == .identifier, token.text == "import", !startsReference {
                module.imports.append(try parseImport())
            } else if token.kind == .identifier, token.text == "package", !startsReference {
                throw failure("unexpected package keyword: expected only one package per module")
            } else {
                module.rules.append(try parseRule())
            }
        }
        return module
    }

    /// Parses `a.b["c"]` into path strings.
    mutating func parseImportPath() throws(RegoError) -> [String] {
        guard token.kind == .identifier else { throw unexpected("reference") }
        var path = [token.text]
        advance()
        while true {
            if token.kind == .dot, !token.spaceBefore, peek(1).kind == .identifier, !peek(1).spaceBefore {
                advance()
                path.append(token.text)
                advance()
            } else if token.kind == .lbracket, !token.spaceBefore,
                peek(1).kind == .string || peek(1).kind == .rawString, peek(2).kind == .rbracket
            {
                advance()
                path.append(token.text)
                advance()
                advance()
            } else {
                return path
            }
        }
    }

    mutating func parseImport() throws(RegoError) -> Import {
        let start = here
        advance()
        let path = try parseImportPath()
        guard let root = path.first, ["data", "input", "future", "rego"].contains(root) else {
            throw .parse(message: "unexpected import path, must begin with one of: {data, future, input, rego}, got: \(path.first ?? "")", location: start)
        }
        var alias: String?
        if token.kind == .identifier, token.text == "as", !token.newlineBefore {
            advance()
            guard token.kind == .identifier else { throw unexpected("identifier") }
            alias = token.text
            advance()
        }
        if root == "future" {
            guard path.count >= 2, path[1] == "keywords" else {
                throw .parse(message: "invalid import \(path.joined(separator: ".")), must be future.keywords", location: start)
            }
            if path.count == 2 {
                keywords.formUnion(Parser.futureKeywords.union(Parser.logicalKeywords))
            } else {
                keywords.insert(path[2])
            }
        } else if root == "rego" {
            guard path == ["rego", "v1"] else {
                throw .parse(message: "invalid import, must be `rego.v1`", location: start)
            }
            keywords.formUnion(Parser.futureKeywords)
        }
        return Import(path: path, alias: alias, location: start)
    }

    // MARK: Rules

    mutating func parseRule() throws(RegoError) -> Rule {
        let start = here
        let ruleAnnotations = try annotations(before: token.line, scope: "rule")
        var isDefault = false
        if token.kind == .identifier, token.text == "default", !startsReference {
            isDefault = true
            advance()
        }
        guard token.kind == .identifier else { throw unexpected("rule head") }
        if ["not", "some", "with", "else", "import", "package"].contains(token.text), !startsReference {
            throw failure("unexpected \(token.text) keyword: expected rule head")
        }
        var head = [Term(.variable(token.text), here)]
        advance()
        while true {
            if token.kind == .dot, !token.spaceBefore, peek(1).kind == .identifier {
                advance()
                head.append(Term(.scalar(.string(token.text)), here))
                advance()
            } else if token.kind == .lbracket, !token.spaceBefore {
                advance()
                head.append(try parseTermIn(allowKeyValue: false))
                try expect(.rbracket, "]")
            } else {
                break
            }
        }
        var args: [Term]?
        if token.kind == .lparen, !token.spaceBefore {
            advance()
            var list: [Term] = []
            while token.kind != .rparen {
                list.append(try parseTermIn(allowKeyValue: false))
                if token.kind == .comma { advance() } else { break }
            }
            try expect(.rparen, ")")
            args = list
        }
        var rule = Rule(kind: .complete, head: head, value: Term(.scalar(.bool(true)), start), body: [], location: start)
        rule.isDefault = isDefault
        rule.annotations = ruleAnnotations
        rule.packageAnnotations = packageAnnotations
        if let args {
            rule.kind = .function
            rule.args = args
        }
        let hasValue: Bool
        if isKeyword("contains") {
            advance()
            rule.kind = .partialSet
            rule.key = try parseTermIn(allowKeyValue: false)
            hasValue = true
        } else if token.kind == .assign || token.kind == .unify {
            rule.isAssignment = token.kind == .assign
            advance()
            rule.value = try parseTermIn(allowKeyValue: false)
            hasValue = true
        } else {
            hasValue = false
        }
        let dynamicHead = head.dropFirst().contains { $0.scalarValue?.stringValue == nil }
        if rule.kind == .complete, dynamicHead {
            if version == .v0, !hasValue, head.count == 2 {
                rule.kind = .partialSet
                rule.key = head[1]
                rule.head = [head[0]]
            } else {
                rule.kind = .partialObject
            }
        }
        if isDefault {
            guard hasValue, rule.kind == .complete || rule.kind == .function else {
                throw .parse(message: "default rules must have a value and no body", location: start)
            }
            rule.body = [Expr(kind: .term(Term(.scalar(.bool(true)), start)), location: start)]
            return rule
        }
        rule.body = try parseRuleBody(start: start)
        var tail: [Rule] = []
        while token.kind == .identifier, token.text == "else", !startsReference {
            let elseStart = here
            advance()
            var elseRule = Rule(kind: rule.kind, head: rule.head, value: Term(.scalar(.bool(true)), elseStart), body: [], location: elseStart)
            elseRule.args = rule.args
            if token.kind == .assign || token.kind == .unify {
                advance()
                elseRule.value = try parseTermIn(allowKeyValue: false)
            }
            elseRule.body = try parseRuleBody(start: elseStart)
            tail.append(elseRule)
        }
        rule.elseRule = Parser.chain(tail)
        return rule
    }

    /// Links `else` rules so each one holds the next.
    private static func chain(_ rules: [Rule]) -> ElseRule? {
        var next: ElseRule?
        for var r in rules.reversed() {
            r.elseRule = next
            next = ElseRule(r)
        }
        return next
    }

    /// Parses `if { body }`, `if expr`, a v0 `{ body }`, or nothing (an always-true body).
    mutating func parseRuleBody(start: SourceLocation) throws(RegoError) -> [Expr] {
        if isKeyword("if") {
            advance()
            if token.kind == .lbrace {
                // `if {x: v | ...}` is one literal, an object comprehension, when the braces do not hold a body.
                let save = pos
                do {
                    return try parseBraceBody()
                } catch {
                    if depthExceeded { throw error }
                    pos = save
                    guard let literal = try? parseLiteral() else { throw error }
                    return [literal]
                }
            }
            return [try parseLiteral()]
        }
        if token.kind == .lbrace, !token.newlineBefore || version == .v0 {
            if version == .v1 {
                throw failure("`if` keyword is required before rule body")
            }
            return try parseBraceBody()
        }
        return [Expr(kind: .term(Term(.scalar(.bool(true)), start)), location: start)]
    }

    /// Parses `{ literal; literal }`.
    mutating func parseBraceBody() throws(RegoError) -> [Expr] {
        try expect(.lbrace, "{")
        try enter()
        defer { leave() }
        let body = try parseBody(until: .rbrace)
        try expect(.rbrace, "}")
        guard !body.isEmpty else { throw failure("found empty body", at: peek(-1)) }
        return body
    }
}
