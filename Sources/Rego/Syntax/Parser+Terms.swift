/// Terms with infix operators, references, collections and comprehensions.
extension Parser {
    static let relationOperators: [Token.Kind: String] = [
        .equal: "equal", .notEqual: "neq", .less: "lt", .lessEqual: "lte", .greater: "gt", .greaterEqual: "gte",
    ]
    static let arithmeticOperators: [Token.Kind: String] = [.plus: "plus", .minus: "minus"]
    static let factorOperators: [Token.Kind: String] = [.star: "mul", .slash: "div", .percent: "rem"]

    private func callTerm(_ name: String, _ args: [Term], _ location: SourceLocation) -> Term {
        let parts = name.split(separator: ".").map(String.init)
        var function = Term(.variable(parts[0]), location)
        if parts.count > 1 {
            function = Term(.ref(function, parts.dropFirst().map { Term(.scalar(.string($0)), location) }), location)
        }
        return Term(.call(function, args), location)
    }

    /// `a in b`, and `k, v in b` when `allowKeyValue` (at the top of a literal).
    mutating func parseTermIn(allowKeyValue: Bool, allowUnion: Bool = true) throws(RegoError) -> Term {
        var lhs = try parseTermRelation(allowUnion: allowUnion)
        if allowKeyValue, token.kind == .comma, keywords.contains("in") {
            let save = pos
            advance()
            let value = try parseTermRelation(allowUnion: allowUnion)
            if isKeyword("in") {
                advance()
                let collection = try parseTermRelation(allowUnion: allowUnion)
                lhs = callTerm("internal.member_3", [lhs, value, collection], lhs.location)
            } else {
                pos = save
                return lhs
            }
        }
        while isKeyword("in") {
            advance()
            let rhs = try parseTermRelation(allowUnion: allowUnion)
            lhs = callTerm("internal.member_2", [lhs, rhs], lhs.location)
        }
        return lhs
    }

    mutating func parseTermRelation(allowUnion: Bool = true) throws(RegoError) -> Term {
        var lhs = try parseTermOr(allowUnion: allowUnion)
        while let op = Parser.relationOperators[token.kind] {
            advance()
            let rhs = try parseTermOr(allowUnion: allowUnion)
            lhs = callTerm(op, [lhs, rhs], lhs.location)
        }
        return lhs
    }

    private mutating func parseTermOr(allowUnion: Bool) throws(RegoError) -> Term {
        var lhs = try parseTermAnd()
        while allowUnion, token.kind == .pipe {
            advance()
            let rhs = try parseTermAnd()
            lhs = callTerm("or", [lhs, rhs], lhs.location)
        }
        return lhs
    }

    private mutating func parseTermAnd() throws(RegoError) -> Term {
        var lhs = try parseTermArith()
        while token.kind == .amp {
            advance()
            let rhs = try parseTermArith()
            lhs = callTerm("and", [lhs, rhs], lhs.location)
        }
        return lhs
    }

    private mutating func parseTermArith() throws(RegoError) -> Term {
        var lhs = try parseTermFactor()
        while let op = Parser.arithmeticOperators[token.kind] {
            advance()
            let rhs = try parseTermFactor()
            lhs = callTerm(op, [lhs, rhs], lhs.location)
        }
        return lhs
    }

    private mutating func parseTermFactor() throws(RegoError) -> Term {
        var lhs = try parseTerm()
        while let op = Parser.factorOperators[token.kind] {
            advance()
            let rhs = try parseTerm()
            lhs = callTerm(op, [lhs, rhs], lhs.location)
        }
        return lhs
    }

    /// Parses a primary term followed by any reference and call suffixes.
    mutating func parseTerm() throws(RegoError) -> Term {
        try enter()
        defer { leave() }
        let start = here
        var term: Term
        switch token.kind {
        case .number:
            guard let n = Number(parsing: token.text) else { throw failure("invalid number \(token.text)") }
            term = Term(.scalar(.number(n)), start)
            advance()
        case .string, .rawString:
            term = Term(.scalar(.string(token.text)), start)
            advance()
        case .template:
            term = try parseTemplate(token.text, start)
            advance()
        case .minus:
            advance()
            if token.kind == .number, !token.spaceBefore, let n = Number(parsing: "-" + token.text) {
                term = Term(.scalar(.number(n)), start)
                advance()
            } else {
                let operand = try parseTerm()
                return callTerm("minus", [Term(.scalar(.int(0)), start), operand], start)
            }
        case .identifier:
            switch token.text {
            // Followed by `.` or `[`, these name a rule or package (`true.foo := 1`), like any other reference head.
            case "true" where !startsReference: term = Term(.scalar(.bool(true)), start)
            case "false" where !startsReference: term = Term(.scalar(.bool(false)), start)
            case "null" where !startsReference: term = Term(.scalar(.null), start)
            case "set" where peek(1).kind == .lparen && !peek(1).spaceBefore && peek(2).kind == .rparen:
                advance()
                advance()
                term = Term(.set([]), start)
            default:
                let isCall = peek(1).kind == .lparen && !peek(1).spaceBefore
                if !startsReference, ["not", "some", "with", "else", "import", "package", "default", "as"].contains(token.text)
                    || (Parser.futureKeywords.contains(token.text) && keywords.contains(token.text) && !isCall && !startsReference)
                {
                    throw failure("unexpected \(token.text) keyword")
                }
                term = Term(.variable(token.text), start)
            }
            advance()
        case .lbracket:
            term = try parseArray(start)
        case .lbrace:
            term = try parseBraced(start)
        case .lparen:
            advance()
            // Parentheses make `k, v in c` one term wherever a comma would otherwise separate items or arguments.
            term = try parseTermIn(allowKeyValue: true)
            try expect(.rparen, ")")
        default:
            throw unexpected("term")
        }
        return try parseSuffixes(term)
    }

    private mutating func parseSuffixes(_ base: Term) throws(RegoError) -> Term {
        var head = base
        var path: [Term] = []
        func flush() -> Term { path.isEmpty ? head : Term(.ref(head, path), head.location) }
        while true {
            if token.kind == .dot, !token.spaceBefore, peek(1).kind == .identifier, !peek(1).spaceBefore {
                advance()
                path.append(Term(.scalar(.string(token.text)), here))
                advance()
            } else if token.kind == .lbracket, !token.spaceBefore {
                advance()
                // Like parentheses, brackets enclose one term, which may be `k, v in c`.
                path.append(try parseTermIn(allowKeyValue: true))
                try expect(.rbracket, "]")
            } else if token.kind == .lparen, !token.spaceBefore {
                let function = flush()
                switch function.kind {
                case .variable, .ref: break
                default: throw unexpected("operator")
                }
                advance()
                var args: [Term] = []
                while token.kind != .rparen {
                    args.append(try parseTermIn(allowKeyValue: false))
                    if token.kind == .comma { advance() } else { break }
                }
                try expect(.rparen, ")")
                head = Term(.call(function, args), base.location)
                path = []
            } else {
                return flush()
            }
        }
    }

    private mutating func parseArray(_ start: SourceLocation) throws(RegoError) -> Term {
        advance()
        if token.kind == .rbracket {
            advance()
            return Term(.array([]), start)
        }
        let first = try parseTermIn(allowKeyValue: false, allowUnion: false)
        if token.kind == .pipe {
            advance()
            let body = try parseBody(until: .rbracket)
            try expect(.rbracket, "]")
            return Term(.arrayComprehension(first, body), start)
        }
        var items = [first]
        while token.kind == .comma {
            advance()
            if token.kind == .rbracket { break }
            items.append(try parseTermIn(allowKeyValue: false))
        }
        try expect(.rbracket, "]")
        return Term(.array(items), start)
    }

    private mutating func parseBraced(_ start: SourceLocation) throws(RegoError) -> Term {
        advance()
        if token.kind == .rbrace {
            advance()
            return Term(.object([]), start)
        }
        let first = try parseTermIn(allowKeyValue: false, allowUnion: false)
        if token.kind == .colon {
            advance()
            let value = try parseTermIn(allowKeyValue: false, allowUnion: false)
            if token.kind == .pipe {
                advance()
                let body = try parseBody(until: .rbrace)
                try expect(.rbrace, "}")
                return Term(.objectComprehension(first, value, body), start)
            }
            var entries = [ObjectEntry(key: first, value: value)]
            while token.kind == .comma {
                advance()
                if token.kind == .rbrace { break }
                let k = try parseTermIn(allowKeyValue: false)
                try expect(.colon, ":")
                let v = try parseTermIn(allowKeyValue: false)
                entries.append(ObjectEntry(key: k, value: v))
            }
            try expect(.rbrace, "}")
            return Term(.object(entries), start)
        }
        if token.kind == .pipe {
            advance()
            let body = try parseBody(until: .rbrace)
            try expect(.rbrace, "}")
            return Term(.setComprehension(first, body), start)
        }
        var items = [first]
        while token.kind == .comma {
            advance()
            if token.kind == .rbrace { break }
            items.append(try parseTermIn(allowKeyValue: false))
        }
        try expect(.rbrace, "}")
        return Term(.set(items), start)
    }

    /// Splits a template string into text and `{expression}` parts.
    private mutating func parseTemplate(_ text: String, _ start: SourceLocation) throws(RegoError) -> Term {
        var parts: [TemplatePart] = []
        var literal = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.first {
            scalars = scalars.dropFirst()
            switch c {
            case "\u{E000}": literal += "{"
            case "\u{E001}": literal += "}"
            case "{":
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                var inner = ""
                var level = 1
                while let d = scalars.first {
                    scalars = scalars.dropFirst()
                    if d == "{" { level += 1 }
                    if d == "}" {
                        level -= 1
                        if level == 0 { break }
                    }
                    inner.unicodeScalars.append(d)
                }
                var sub = try Parser(source: inner, file: file, version: version, limits: Limits())
                sub.keywords = keywords
                sub.depth = depth
                let body = try sub.parseQuery()
                guard body.count == 1 else {
                    throw .parse(message: "template expressions must be a single expression", location: start)
                }
                parts.append(.expression(body))
            default:
                literal.unicodeScalars.append(c)
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return Term(.template(parts), start)
    }
}
