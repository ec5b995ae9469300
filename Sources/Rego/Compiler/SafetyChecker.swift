/// OPA's safety analysis: reorders each body so that every variable is bound before it is
/// used in an input position, and reports variables that can never be bound.
struct SafetyChecker {
    let functions: [[String]: Int]
    let slotNames: [String]

    /// Reorders `body` given the slots already bound (`globals`), checking closures too.
    func reorder(_ body: [Expr], globals: Set<Int>) throws(RegoError) -> [Expr] {
        var bodyVars = Set<Int>()
        for e in body { e.slots(into: &bodyVars) }
        var unsafe: [Set<Int>] = body.map { e in
            var vars = Set<Int>()
            e.slots(into: &vars)
            var inner = Set<Int>()
            e.closureSlots(into: &inner)
            vars.formUnion(inner.intersection(bodyVars))
            return vars.subtracting(globals)
        }
        var safe = globals
        var order: [Int] = []
        var scheduled = Array(repeating: false, count: body.count)
        while true {
            let before = order.count
            for (i, e) in body.enumerated() where !scheduled[i] {
                safe.formUnion(outputs(of: e, safe: safe))
                unsafe[i].subtract(safe)
                if unsafe[i].isEmpty {
                    scheduled[i] = true
                    order.append(i)
                }
            }
            if order.count == before { break }
        }
        if order.count < body.count {
            var first: (SourceLocation, String)?
            for (i, e) in body.enumerated() where !scheduled[i] {
                if let slot = unsafe[i].min(), first == nil || (e.location.line, e.location.column) < (first?.0.line ?? 0, first?.0.column ?? 0) {
                    first = (e.location, slotNames[slot])
                }
            }
            let (location, name) = first ?? (body[0].location, "?")
            throw .unsafeVariable(name: name, location: location)
        }
        var result: [Expr] = []
        var closureGlobals = globals
        for i in order {
            var e = body[i]
            e = try checkClosures(e, globals: closureGlobals)
            result.append(e)
            e.slots(into: &closureGlobals)
            closureGlobals.formUnion(outputs(of: e, safe: closureGlobals))
        }
        return result
    }

    // MARK: Closures

    private func checkClosures(_ expr: Expr, globals: Set<Int>) throws(RegoError) -> Expr {
        var e = expr
        switch expr.kind {
        case .term(let t): e.kind = .term(try checkClosures(t, globals))
        case .unify(let a, let b): e.kind = .unify(try checkClosures(a, globals), try checkClosures(b, globals))
        case .assign(let a, let b): e.kind = .assign(try checkClosures(a, globals), try checkClosures(b, globals))
        case .someIn(let key, let value, let collection):
            e.kind = .someIn(key: key, value: value, collection: try checkClosures(collection, globals))
        case .every(let key, let value, let domain, let body):
            var inner = globals
            key?.slots(into: &inner)
            value.slots(into: &inner)
            e.kind = .every(key: key, value: value, domain: try checkClosures(domain, globals), body: try reorder(body, globals: inner))
        case .some:
            break
        }
        for (i, w) in e.withs.enumerated() {
            e.withs[i].value = try checkClosures(w.value, globals)
        }
        return e
    }

    private func checkClosures(_ term: Term, _ globals: Set<Int>) throws(RegoError) -> Term {
        let loc = term.location
        switch term.kind {
        case .arrayComprehension(let head, let body):
            let b = try reorderClosure(body, heads: [head], globals: globals)
            return Term(.arrayComprehension(head, b), loc)
        case .setComprehension(let head, let body):
            let b = try reorderClosure(body, heads: [head], globals: globals)
            return Term(.setComprehension(head, b), loc)
        case .objectComprehension(let key, let value, let body):
            let b = try reorderClosure(body, heads: [key, value], globals: globals)
            return Term(.objectComprehension(key, value, b), loc)
        case .ref(let head, let path):
            var p: [Term] = []
            for t in path { p.append(try checkClosures(t, globals)) }
            return Term(.ref(try checkClosures(head, globals), p), loc)
        case .array(let items):
            var out: [Term] = []
            for t in items { out.append(try checkClosures(t, globals)) }
            return Term(.array(out), loc)
        case .set(let items):
            var out: [Term] = []
            for t in items { out.append(try checkClosures(t, globals)) }
            return Term(.set(out), loc)
        case .object(let entries):
            var out: [ObjectEntry] = []
            for e in entries {
                out.append(ObjectEntry(key: try checkClosures(e.key, globals), value: try checkClosures(e.value, globals)))
            }
            return Term(.object(out), loc)
        case .builtinCall(let b, let args):
            var out: [Term] = []
            for t in args { out.append(try checkClosures(t, globals)) }
            return Term(.builtinCall(b, out), loc)
        case .functionCall(let path, let args):
            var out: [Term] = []
            for t in args { out.append(try checkClosures(t, globals)) }
            return Term(.functionCall(path, out), loc)
        default:
            return term
        }
    }

    private func reorderClosure(_ body: [Expr], heads: [Term], globals: Set<Int>) throws(RegoError) -> [Expr] {
        let reordered = try reorder(body, globals: globals)
        var bound = globals
        for e in reordered {
            e.allSlots(into: &bound)
        }
        for head in heads {
            var vars = Set<Int>()
            head.slots(into: &vars)
            if let slot = vars.subtracting(bound).min() {
                throw .unsafeVariable(name: slotNames[slot], location: head.location)
            }
        }
        return reordered
    }

    // MARK: Output variables

    private func arity(of term: Term) -> Int? {
        switch term.kind {
        case .builtinCall(let b, _): b.arity
        case .functionCall(let path, _): functions[path]
        default: nil
        }
    }

    /// The slots an expression binds when `safe` are already bound.
    func outputs(of expr: Expr, safe: Set<Int>) -> Set<Int> {
        if expr.negated { return [] }
        for w in expr.withs {
            var vars = Set<Int>()
            w.value.slots(into: &vars)
            if !vars.isSubset(of: safe) { return [] }
        }
        switch expr.kind {
        case .term(let t):
            var out = Set<Int>()
            refOutputs(t, safe: safe, into: &out)
            if let arity = arity(of: t), case .builtinCall(_, let args) = t.kind, args.count == arity + 1 {
                return callOutputs(args, arity: arity, safe: safe, out: out)
            }
            if let arity = arity(of: t), case .functionCall(_, let args) = t.kind, args.count == arity + 1 {
                return callOutputs(args, arity: arity, safe: safe, out: out)
            }
            return out
        case .unify(let a, let b), .assign(let a, let b):
            var out = Set<Int>()
            refOutputs(a, safe: safe, into: &out)
            refOutputs(b, safe: safe, into: &out)
            out.formUnion(safe)
            var unifier = Unifier(safe: out)
            unifier.unify(a, b)
            out.formUnion(unifier.unified)
            return out.subtracting(safe)
        case .someIn(let key, let value, let collection):
            var out = Set<Int>()
            refOutputs(collection, safe: safe, into: &out)
            var needed = Set<Int>()
            collection.slots(into: &needed)
            if needed.isSubset(of: safe.union(out)) {
                key?.slots(into: &out)
                value.slots(into: &out)
            }
            return out
        case .every, .some:
            return []
        }
    }

    private func callOutputs(_ args: [Term], arity: Int, safe: Set<Int>, out: Set<Int>) -> Set<Int> {
        var inputs = Set<Int>()
        for a in args.prefix(arity) { a.slots(into: &inputs) }
        guard inputs.subtracting(out).isSubset(of: safe) else { return out }
        var result = out
        args[arity].slots(into: &result)
        return result
    }

    /// Variables in reference paths whose heads are bound (they are bound by iteration).
    func refOutputs(_ term: Term, safe: Set<Int>, into out: inout Set<Int>) {
        switch term.kind {
        case .ref(let head, let path):
            guard isSafeHead(head, safe) else { return }
            for p in path {
                if case .ref = p.kind {
                    refOutputs(p, safe: safe, into: &out)
                } else {
                    p.slots(into: &out)
                    refOutputs(p, safe: safe, into: &out)
                }
            }
            refOutputs(head, safe: safe, into: &out)
        case .array(let items), .set(let items):
            for i in items { refOutputs(i, safe: safe, into: &out) }
        case .object(let entries):
            for e in entries {
                refOutputs(e.key, safe: safe, into: &out)
                refOutputs(e.value, safe: safe, into: &out)
            }
        case .builtinCall(_, let args), .functionCall(_, let args):
            for a in args { refOutputs(a, safe: safe, into: &out) }
        default:
            break
        }
    }

    private func isSafeHead(_ head: Term, _ safe: Set<Int>) -> Bool {
        switch head.kind {
        case .data, .input: return true
        case .local(let slot, _): return safe.contains(slot)
        default:
            var vars = Set<Int>()
            head.slots(into: &vars)
            return vars.isSubset(of: safe)
        }
    }
}
