/// Unification of terms with values and with each other, binding variables and undoing the
/// bindings on backtracking.
extension Evaluator {
    /// Matches `term` against `value`, binding unbound variables for the continuation.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func unify<F: Frame>(_ term: Term, _ value: Value, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        switch term.kind {
        case .local(let slot, _):
            if let bound = frame.slots[slot] {
                return bound == value ? try k() : true
            }
            frame.slots[slot] = value
            defer { frame.slots[slot] = nil }
            return try k()
        case .scalar(let v):
            return v == value ? try k() : true
        case .array(let items):
            guard case .array(let values) = value, values.count == items.count else { return true }
            return try unifyElements(items, values, 0, frame, k)
        case .object(let entries) where hasUnboundVariable(term, frame):
            guard case .object(let object) = value, object.count == entries.count else { return true }
            let keys = entries.map(\.key)
            return try evalArgs(keys, keys.count, frame) { (keyValues: [Value]) throws(RegoError) -> Bool in
                var values: [Value] = []
                for key in keyValues {
                    guard let v = object[key] else { return true }
                    values.append(v)
                }
                return try self.unifyElements(entries.map(\.value), values, 0, frame, k)
            }
        default:
            return try evalTerm(term, frame) { (v: Value) throws(RegoError) -> Bool in
                v == value ? try k() : true
            }
        }
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func unifyElements<F: Frame>(_ terms: [Term], _ values: [Value], _ i: Int, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        if i == terms.count { return try k() }
        return try unify(terms[i], values[i], frame) { () throws(RegoError) -> Bool in
            try self.unifyElements(terms, values, i + 1, frame, k)
        }
    }

    /// Unifies two terms: computes whichever side is not a pattern and matches the other.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func unifyTerms<F: Frame>(_ a: Term, _ b: Term, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        if !hasUnboundVariable(b, frame) {
            return try evalTerm(b, frame) { (v: Value) throws(RegoError) -> Bool in
                try self.unify(a, v, frame, k)
            }
        }
        if !hasUnboundVariable(a, frame) {
            return try evalTerm(a, frame) { (v: Value) throws(RegoError) -> Bool in
                try self.unify(b, v, frame, k)
            }
        }
        switch (a.kind, b.kind) {
        case (.array(let xs), .array(let ys)):
            guard xs.count == ys.count else { return true }
            return try unifyPairs(Array(zip(xs, ys)), 0, frame, k)
        case (.object(let xs), .object(let ys)):
            guard xs.count == ys.count else { return true }
            var pairs: [(Term, Term)] = []
            for x in xs {
                guard let xk = Compiler.constant(x.key),
                    let y = ys.first(where: { Compiler.constant($0.key) == xk })
                else { return true }
                pairs.append((x.value, y.value))
            }
            return try unifyPairs(pairs, 0, frame, k)
        default:
            var name = "?"
            if case .local(_, let n) = a.kind { name = n } else if case .local(_, let n) = b.kind { name = n }
            throw .unsafeVariable(name: name, location: a.location)
        }
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func unifyPairs<F: Frame>(_ pairs: [(Term, Term)], _ i: Int, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        if i == pairs.count { return try k() }
        return try unifyTerms(pairs[i].0, pairs[i].1, frame) { () throws(RegoError) -> Bool in
            try self.unifyPairs(pairs, i + 1, frame, k)
        }
    }
}
