/// Bodies and expressions: conjunction, negation, `some … in`, `every` and calls with outputs.
extension Evaluator {
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalBody<F: Frame>(_ body: [Expr], _ index: Int, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        if index == body.count { return try k() }
        return try evalExpr(body[index], frame) { () throws(RegoError) -> Bool in
            try self.evalBody(body, index + 1, frame, k)
        }
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalExpr<F: Frame>(_ expr: Expr, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        try step(expr.location)
        if !expr.withs.isEmpty {
            return try evalWith(expr, frame, k)
        }
        if expr.negated {
            var found = false
            _ = try evalPlain(expr, frame) { () throws(RegoError) -> Bool in
                found = true
                return false
            }
            return found ? true : try k()
        }
        return try evalPlain(expr, frame, k)
    }

    /// Evaluates an expression ignoring its `not` and `with` modifiers.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalPlain<F: Frame>(_ expr: Expr, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        switch expr.kind {
        case .term(let term):
            switch term.kind {
            case .builtinCall(let builtin, let args) where args.count == builtin.arity + 1:
                return try evalArgs(args, builtin.arity, frame) { (values: [Value]) throws(RegoError) -> Bool in
                    guard let result = try self.callBuiltin(builtin, values, term.location) else { return true }
                    if builtin.isRelation, case .array(let results) = result {
                        for r in results where try !self.unify(args[builtin.arity], r, frame, k) { return false }
                        return true
                    }
                    return try self.unify(args[builtin.arity], result, frame, k)
                }
            case .functionCall(let path, let args) where args.count == (policy.functions[path]?.arity ?? -1) + 1:
                let arity = args.count - 1
                return try evalArgs(args, arity, frame) { (values: [Value]) throws(RegoError) -> Bool in
                    guard let result = try self.callFunction(path, values, term.location) else { return true }
                    return try self.unify(args[arity], result, frame, k)
                }
            default:
                return try evalTerm(term, frame) { (value: Value) throws(RegoError) -> Bool in
                    value.isTruthy ? try k() : true
                }
            }
        case .unify(let a, let b), .assign(let a, let b):
            return try unifyTerms(a, b, frame, k)
        case .someIn(let key, let value, let collection):
            return try evalTerm(collection, frame) { (c: Value) throws(RegoError) -> Bool in
                try self.forEachEntry(c, expr.location) { (ck: Value, cv: Value) throws(RegoError) -> Bool in
                    if let key {
                        return try self.unify(key, ck, frame) { () throws(RegoError) -> Bool in
                            try self.unify(value, cv, frame, k)
                        }
                    }
                    return try self.unify(value, cv, frame, k)
                }
            }
        case .every(let key, let value, let domain, let body):
            return try evalTerm(domain, frame) { (d: Value) throws(RegoError) -> Bool in
                switch d {
                case .array, .object, .set: break
                default: return true
                }
                var holds = true
                _ = try self.forEachEntry(d, expr.location) { (dk: Value, dv: Value) throws(RegoError) -> Bool in
                    var satisfied = false
                    let bodyK: Continuation = { () throws(RegoError) -> Bool in
                        satisfied = true
                        return false
                    }
                    let bindValue: Continuation = { () throws(RegoError) -> Bool in
                        try self.unify(value, dv, frame) { () throws(RegoError) -> Bool in
                            try self.nested(expr.location) { () throws(RegoError) -> Bool in
                                try self.evalBody(body, 0, frame, bodyK)
                            }
                        }
                    }
                    if let key {
                        _ = try self.unify(key, dk, frame, bindValue)
                    } else {
                        _ = try bindValue()
                    }
                    if !satisfied { holds = false }
                    return satisfied
                }
                return holds ? try k() : true
            }
        case .some:
            return try k()
        }
    }

    /// Evaluates the first `count` argument terms, enumerating all combinations.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalArgs<F: Frame>(_ args: [Term], _ count: Int, _ frame: F, _ k: ([Value]) throws(RegoError) -> Bool) throws(RegoError) -> Bool {
        var values: [Value] = []
        values.reserveCapacity(count)
        for i in 0..<count {
            switch try evalDirect(args[i], frame) {
            case .value(let v): values.append(v)
            case .undefined: return true
            // The arguments before this one have exactly one value each: enumerate from here on.
            case .complex: return try evalArgsCPS(args, count, values, frame, k)
            }
        }
        return try k(values)
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func evalArgsCPS<F: Frame>(
        _ args: [Term], _ count: Int, _ values: [Value], _ frame: F,
        _ k: ([Value]) throws(RegoError) -> Bool
    ) throws(RegoError) -> Bool {
        if values.count == count { return try k(values) }
        return try evalTerm(args[values.count], frame) { (v: Value) throws(RegoError) -> Bool in
            try self.evalArgsCPS(args, count, values + [v], frame, k)
        }
    }

    /// Calls `body` with each key/value of a collection: array index/element, object
    /// key/value, set member/member. Scalars have no entries.
    func forEachEntry(_ collection: Value, _ location: SourceLocation?, _ body: (Value, Value) throws(RegoError) -> Bool) throws(RegoError) -> Bool {
        switch collection {
        case .array(let items):
            for (i, v) in items.enumerated() {
                try step(location)
                if try !body(.int(i), v) { return false }
            }
        case .object(let o):
            for (k, v) in o.pairs {
                try step(location)
                if try !body(k, v) { return false }
            }
        case .set(let s):
            for v in s.elements {
                try step(location)
                if try !body(v, v) { return false }
            }
        default:
            break
        }
        return true
    }
}
