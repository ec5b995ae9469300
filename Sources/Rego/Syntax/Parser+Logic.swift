/// The `and` / `or` operators (`import future.keywords.and`, `future.keywords.or`): literals joined by them, grouped
/// with parentheses or braces. Each operand is its own scope and only succeeds or fails, so the parser lowers them
/// to existence tests over comprehensions that the rest of the pipeline already compiles:
/// `A and B` is `[true | [true | A][0]; [true | B][0]][0]`, and `A or B` is
/// `not [true | not [true | A][0]; not [true | B][0]][0]`, which evaluates `B` only when `A` fails and
/// succeeds at most once.
extension Parser {
    /// The experimental keywords that only an explicit `future.keywords` import enables (not `rego.v1`).
    static let logicalKeywords: Set<String> = ["and", "or"]

    /// Whether `and` or `or` is in force.
    var logicalOperatorsEnabled: Bool { !keywords.isDisjoint(with: Parser.logicalKeywords) }

    /// Whether the current token, after an operand, is the operator `name` (not a reference such as `and.x`). Only
    /// asked where an operator may follow, so `and(` there is the operator before a parenthesised operand; where a
    /// term starts, `and(a, b)` is still a call of the set intersection built-in.
    func isLogicalOperator(_ name: String) -> Bool {
        token.kind == .identifier && token.text == name && keywords.contains(name) && !startsReference
    }

    /// Whether an operator follows.
    private var atOperator: Bool { isLogicalOperator("and") || isLogicalOperator("or") }

    /// Where an operand stands, which decides how a leading `{` or `(` reads.
    private enum OperandPosition {
        /// First in a literal or group: braces are an operand body only if an operator follows them.
        case leading
        /// After `and`/`or`: braces must hold a body.
        case afterOperator
        /// After `not`: braces are a body, and parentheses may group, only with `future.keywords.not`.
        case negated
    }

    /// Parses a literal that may join operands with `or` (loosest) and `and`, applying trailing `with` modifiers to
    /// the whole of it.
    mutating func parseLogicalLiteral(start: SourceLocation) throws(RegoError) -> Expr {
        var operands = [try parseConjunction(leading: true)]
        while isLogicalOperator("or") {
            advance()
            operands.append(try parseConjunction(leading: false))
        }
        let expr = operands.count == 1 ? Parser.single(operands[0], start) : Parser.disjunction(operands, start)
        return try withModifiers(expr)
    }

    private mutating func parseConjunction(leading: Bool) throws(RegoError) -> [Expr] {
        let start = here
        var operands = [try parseNegation(leading ? .leading : .afterOperator)]
        while isLogicalOperator("and") {
            advance()
            operands.append(try parseNegation(.afterOperator))
        }
        return operands.count == 1 ? operands[0] : [Parser.conjunction(operands, start)]
    }

    /// `not operand` (binding tighter than `and`), or an operand.
    private mutating func parseNegation(_ position: OperandPosition) throws(RegoError) -> [Expr] {
        let start = here
        try enter()
        defer { leave() }
        guard token.kind == .identifier, token.text == "not", !startsReference else { return try parseOperand(position) }
        advance()
        return [Parser.negation(try parseNegation(.negated), start)]
    }

    /// An operand: `{ body }`, `( literal )`, or an expression.
    private mutating func parseOperand(_ position: OperandPosition) throws(RegoError) -> [Expr] {
        let start = here
        let braceLed = token.kind == .lbrace
        let notBodies = keywords.contains("not")
        if braceLed {
            switch position {
            case .leading:
                let body = try attempt { (p: inout Parser) throws(RegoError) -> [Expr]? in
                    let body = try p.parseBraceBody()
                    return p.atOperator ? body : nil
                }
                if let body { return body }
            case .afterOperator:
                return try parseOperandBody()
            case .negated where notBodies:
                return try parseOperandBody()
            case .negated:
                break
            }
        }
        if token.kind == .lparen, position != .negated || notBodies, groupMayHoldLiteral {
            let group = try attempt { (p: inout Parser) throws(RegoError) -> Expr? in
                p.advance()
                let inner = try p.parseLogicalLiteral(start: p.here)
                try p.expect(.rparen, ")")
                // A group of operators or a negation; `(x with …)` only where it is an operand.
                if inner.isLogical || inner.negated { return inner }
                return !inner.withs.isEmpty && (position != .leading || p.atOperator) ? inner : nil
            }
            if let group { return [group] }
        }
        let expr = try parseExpression(start: start)
        if braceLed, position == .leading, atOperator {
            throw .parse(message: "operand of `\(token.text)` cannot begin with `{` unless the braces hold a body; wrap the value in parentheses", location: start)
        }
        return [expr]
    }

    /// Braces that must hold a body; a value there is reported as such.
    private mutating func parseOperandBody() throws(RegoError) -> [Expr] {
        let save = pos
        let start = here
        do {
            return try parseBraceBody()
        } catch {
            if depthExceeded { throw error }
            let bodyError = error
            pos = save
            if peek(1).kind != .rbrace, (try? parseTermIn(allowKeyValue: false)) != nil {
                throw .parse(message: "operand cannot begin with `{` unless the braces hold a body; wrap the value in parentheses", location: start)
            }
            throw bodyError
        }
    }

    /// Runs `parse` from the current token, rewinding and returning nil when it fails or declines (returns nil);
    /// only a nesting-depth failure is final.
    private mutating func attempt<T>(_ parse: (inout Parser) throws(RegoError) -> T?) throws(RegoError) -> T? {
        let save = pos
        let savedDepth = depth
        do {
            if let result = try parse(&self) { return result }
        } catch {
            // Too deep is too deep whichever way the text is read.
            if depthExceeded { throw error }
        }
        pos = save
        depth = savedDepth
        return nil
    }

    /// Whether the parentheses opening here contain `and`, `or`, `not` or `with`, so they may group literals rather
    /// than a term (checked before trying, so nested parentheses are not parsed twice at every level).
    private var groupMayHoldLiteral: Bool {
        mutating get {
            if groupHints == nil { groupHints = Parser.groupHints(tokens) }
            return groupHints?[pos] ?? false
        }
    }

    /// For each `(` (by token index), whether its parentheses contain one of those words: one pass with a stack.
    private static func groupHints(_ tokens: [Token]) -> [Int: Bool] {
        var hints: [Int: Bool] = [:]
        var open: [(index: Int, found: Bool)] = []
        for (i, t) in tokens.enumerated() {
            switch t.kind {
            case .lparen:
                open.append((i, false))
            case .rparen:
                guard let group = open.popLast() else { continue }
                hints[group.index] = group.found
                if group.found, !open.isEmpty { open[open.count - 1].found = true }
            case .identifier where ["and", "or", "not", "with"].contains(t.text):
                if !open.isEmpty { open[open.count - 1].found = true }
            default:
                break
            }
        }
        return hints
    }

    // MARK: Lowering

    /// `[true | body][0]`: defined when the body has a solution, in a scope of its own.
    static func exists(_ body: [Expr], _ location: SourceLocation) -> Term {
        let comprehension = Term(.arrayComprehension(Term(.scalar(.bool(true)), location), body), location)
        return Term(.ref(comprehension, [Term(.scalar(.int(0)), location)]), location)
    }

    /// The operand as one literal: itself when it is one, otherwise its existence test.
    private static func single(_ body: [Expr], _ location: SourceLocation) -> Expr {
        if body.count == 1, let only = body.first { return only }
        return Expr(kind: .term(exists(body, location)), location: location)
    }

    private static func negation(_ body: [Expr], _ location: SourceLocation) -> Expr {
        if body.count == 1, var only = body.first, !only.negated, only.withs.isEmpty {
            only.negated = true
            return only
        }
        return Expr(kind: .term(exists(body, location)), negated: true, location: location)
    }

    private static func conjunction(_ operands: [[Expr]], _ location: SourceLocation) -> Expr {
        let tests = operands.map { Expr(kind: .term(exists($0, location)), location: location) }
        return Expr(kind: .term(exists(tests, location)), location: location)
    }

    private static func disjunction(_ operands: [[Expr]], _ location: SourceLocation) -> Expr {
        let failures = operands.map { Expr(kind: .term(exists($0, location)), negated: true, location: location) }
        return Expr(kind: .term(exists(failures, location)), negated: true, location: location)
    }
}

extension Expr {
    /// Whether this is a lowered `and`/`or`, whose operands were grouped.
    var isLogical: Bool {
        guard case .term(let t) = kind, case .ref(let head, let path) = t.kind, path.count == 1,
            case .arrayComprehension = head.kind
        else { return false }
        return true
    }
}
