/// Variable walks over terms and expressions, before and after name resolution.
extension Term {
    /// Calls `visit` for every unresolved variable name outside closures, skipping the
    /// function position of calls.
    func forEachVariableName(_ visit: (String, SourceLocation) -> Void) {
        switch kind {
        case .variable(let name):
            visit(name, location)
        case .ref(let head, let path):
            head.forEachVariableName(visit)
            for p in path { p.forEachVariableName(visit) }
        case .array(let items), .set(let items):
            for i in items { i.forEachVariableName(visit) }
        case .object(let entries):
            for e in entries {
                e.key.forEachVariableName(visit)
                e.value.forEachVariableName(visit)
            }
        case .call(_, let args), .builtinCall(_, let args), .functionCall(_, let args):
            for a in args { a.forEachVariableName(visit) }
        case .template(let parts):
            for case .expression(let body) in parts {
                for e in body { e.forEachVariableName(visit) }
            }
        case .scalar, .local, .data, .input, .document, .arrayComprehension, .setComprehension, .objectComprehension:
            break
        }
    }

    /// Resolved slots outside closures.
    func slots(into set: inout Set<Int>) {
        switch kind {
        case .local(let slot, _):
            set.insert(slot)
        case .ref(let head, let path):
            head.slots(into: &set)
            for p in path { p.slots(into: &set) }
        case .array(let items), .set(let items):
            for i in items { i.slots(into: &set) }
        case .object(let entries):
            for e in entries {
                e.key.slots(into: &set)
                e.value.slots(into: &set)
            }
        case .call(_, let args), .builtinCall(_, let args), .functionCall(_, let args):
            for a in args { a.slots(into: &set) }
        case .template(let parts):
            for case .expression(let body) in parts {
                for e in body { e.slots(into: &set) }
            }
        case .scalar, .variable, .data, .input, .document, .arrayComprehension, .setComprehension, .objectComprehension:
            break
        }
    }

    /// Resolved slots used anywhere inside closures (comprehensions) within this term.
    func closureSlots(into set: inout Set<Int>) {
        switch kind {
        case .arrayComprehension(let head, let body), .setComprehension(let head, let body):
            head.allSlots(into: &set)
            for e in body { e.allSlots(into: &set) }
        case .objectComprehension(let k, let v, let body):
            k.allSlots(into: &set)
            v.allSlots(into: &set)
            for e in body { e.allSlots(into: &set) }
        case .ref(let head, let path):
            head.closureSlots(into: &set)
            for p in path { p.closureSlots(into: &set) }
        case .array(let items), .set(let items):
            for i in items { i.closureSlots(into: &set) }
        case .object(let entries):
            for e in entries {
                e.key.closureSlots(into: &set)
                e.value.closureSlots(into: &set)
            }
        case .call(_, let args), .builtinCall(_, let args), .functionCall(_, let args):
            for a in args { a.closureSlots(into: &set) }
        case .template(let parts):
            for case .expression(let body) in parts {
                for e in body { e.closureSlots(into: &set) }
            }
        case .scalar, .variable, .local, .data, .input, .document:
            break
        }
    }

    /// Every resolved slot, inside closures too.
    func allSlots(into set: inout Set<Int>) {
        slots(into: &set)
        closureSlots(into: &set)
    }

    /// Whether the term is a constant with no variables, refs, calls or closures.
    var isConstant: Bool {
        switch kind {
        case .scalar: true
        case .array(let items), .set(let items): items.allSatisfy(\.isConstant)
        case .object(let entries): entries.allSatisfy { $0.key.isConstant && $0.value.isConstant }
        default: false
        }
    }
}

extension Expr {
    /// Unresolved variable names outside closures, declarations included.
    func forEachVariableName(_ visit: (String, SourceLocation) -> Void) {
        switch kind {
        case .term(let t): t.forEachVariableName(visit)
        case .unify(let a, let b), .assign(let a, let b):
            a.forEachVariableName(visit)
            b.forEachVariableName(visit)
        case .some(let terms):
            for t in terms { t.forEachVariableName(visit) }
        case .someIn(let key, let value, let collection):
            key?.forEachVariableName(visit)
            value.forEachVariableName(visit)
            collection.forEachVariableName(visit)
        case .every(_, _, let domain, _):
            domain.forEachVariableName(visit)
        }
    }

    /// Resolved slots outside closures (for `every`, only the domain).
    func slots(into set: inout Set<Int>) {
        switch kind {
        case .term(let t): t.slots(into: &set)
        case .unify(let a, let b), .assign(let a, let b):
            a.slots(into: &set)
            b.slots(into: &set)
        case .some(let terms):
            for t in terms { t.slots(into: &set) }
        case .someIn(let key, let value, let collection):
            key?.slots(into: &set)
            value.slots(into: &set)
            collection.slots(into: &set)
        case .every(_, _, let domain, _):
            domain.slots(into: &set)
        }
        for w in withs { w.value.slots(into: &set) }
    }

    /// Resolved slots used inside closures: comprehensions and `every` bodies.
    func closureSlots(into set: inout Set<Int>) {
        switch kind {
        case .term(let t): t.closureSlots(into: &set)
        case .unify(let a, let b), .assign(let a, let b):
            a.closureSlots(into: &set)
            b.closureSlots(into: &set)
        case .some(let terms):
            for t in terms { t.closureSlots(into: &set) }
        case .someIn(let key, let value, let collection):
            key?.closureSlots(into: &set)
            value.closureSlots(into: &set)
            collection.closureSlots(into: &set)
        case .every(let key, let value, let domain, let body):
            key?.allSlots(into: &set)
            value.allSlots(into: &set)
            domain.closureSlots(into: &set)
            for e in body { e.allSlots(into: &set) }
        }
        for w in withs { w.value.closureSlots(into: &set) }
    }

    /// Every resolved slot, inside closures too.
    func allSlots(into set: inout Set<Int>) {
        slots(into: &set)
        closureSlots(into: &set)
    }
}
