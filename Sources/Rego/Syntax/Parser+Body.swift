/// Bodies, literals and queries.
extension Parser {
    /// Parses a query (a body without braces) spanning the whole source.
    mutating func parseQuery() throws(RegoError) -> [Expr] {
        let body = try parseBody(until: .eof)
        guard token.kind == .eof else { throw unexpected("end of query") }
        guard !body.isEmpty else { throw failure("empty query") }
        return body
    }

    /// Parses literals separated by `;` or newlines up to (not including) `closing`.
    mutating func parseBody(until closing: Token.Kind) throws(RegoError) -> [Expr] {
        var body: [Expr] = []
        while true {
            while token.kind == .semicolon { advance() }
            if token.kind == closing { return body }
            if !body.isEmpty, !token.newlineBefore, peek(-1).kind != .semicolon {
                throw unexpected(closing == .eof ? "end of query" : "}")
            }
            body.append(try parseLiteral())
        }
    }

    /// Parses one literal: `some`, `every`, `not expr`, or `expr` with `with` modifiers.
    mutating func parseLiteral() throws(RegoError) -> Expr {
        let start = here
        try enter()
        defer { leave() }
        if token.kind == .identifier, token.text == "some", !startsReference {
            advance()
            return try withModifiers(try parseSome(start: start))
        }
        if isKeyword("every") {
            advance()
            return try withModifiers(try parseEvery(start: start))
        }
        if logicalOperatorsEnabled {
            return try parseLogicalLiteral(start: start)
        }
        var negated = false
        if token.kind == .identifier, token.text == "not", !startsReference {
            negated = true
            advance()
            if token.kind == .lbrace, keywords.contains("not") {
                let body = try parseBraceBody()
                let exists = Term(.arrayComprehension(Term(.scalar(.bool(true)), start), body), start)
                let first = Term(.ref(exists, [Term(.scalar(.int(0)), start)]), start)
                return try withModifiers(Expr(kind: .term(first), negated: true, location: start))
            }
        }
        var expr = try parseExpression(start: start)
        expr.negated = negated
        return try withModifiers(expr)
    }

    mutating func withModifiers(_ expr: Expr) throws(RegoError) -> Expr {
        var expr = expr
        while token.kind == .identifier, token.text == "with", !startsReference {
            let start = here
            advance()
            let target = try parseTerm()
            guard token.kind == .identifier, token.text == "as" else { throw unexpected("as") }
            advance()
            let value = try parseTermIn(allowKeyValue: false)
            expr.withs.append(WithModifier(target: target, value: value, location: start))
        }
        return expr
    }

    mutating func parseExpression(start: SourceLocation) throws(RegoError) -> Expr {
        let lhs = try parseTermIn(allowKeyValue: true)
        if token.kind == .unify || token.kind == .assign {
            let assign = token.kind == .assign
            advance()
            let rhs = try parseTermIn(allowKeyValue: false)
            return Expr(kind: assign ? .assign(lhs, rhs) : .unify(lhs, rhs), location: start)
        }
        return Expr(kind: .term(lhs), location: start)
    }

    private mutating func parseSome(start: SourceLocation) throws(RegoError) -> Expr {
        var terms = [try parseTermRelation()]
        while token.kind == .comma {
            advance()
            terms.append(try parseTermRelation())
        }
        if isKeyword("in") {
            advance()
            guard terms.count <= 2 else { throw failure("unexpected , token: expected at most two terms before in") }
            let collection = try parseTermRelation()
            let key = terms.count == 2 ? terms[0] : nil
            return Expr(kind: .someIn(key: key, value: terms[terms.count - 1], collection: collection), location: start)
        }
        for t in terms where t.variableName == nil {
            throw .parse(message: "expected var", location: t.location)
        }
        return Expr(kind: .some(terms), location: start)
    }

    private mutating func parseEvery(start: SourceLocation) throws(RegoError) -> Expr {
        var key: Term?
        var value = try parseTermRelation()
        if token.kind == .comma {
            advance()
            key = value
            value = try parseTermRelation()
        }
        guard isKeyword("in") else { throw unexpected("in") }
        advance()
        let domain = try parseTermRelation()
        guard token.kind == .lbrace else { throw unexpected("{") }
        let body = try parseBraceBody()
        for t in [key, value].compactMap({ $0 }) where t.variableName == nil {
            throw .parse(message: "expected var in every declaration", location: t.location)
        }
        return Expr(kind: .every(key: key, value: value, domain: domain, body: body), location: start)
    }
}
