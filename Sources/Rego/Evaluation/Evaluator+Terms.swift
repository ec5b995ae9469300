/// Term evaluation: a direct path for terms with exactly one value, and continuation-passing
/// enumeration for references that iterate.
extension Evaluator {
    /// The outcome of evaluating a term without enumeration.
    enum DirectResult {
        case value(Value)
        case undefined
        /// The term may take several values or bind variables; use `evalTerm`.
        case complex
    }

    /// Evaluates terms that have at most one value without building continuations.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalDirect<F: Frame>(_ term: Term, _ frame: F) throws(RegoError) -> DirectResult {
        switch term.kind {
        case .scalar(let v):
            return .value(v)
        case .local(let slot, _):
            if let v = frame.slots[slot] { return .value(v) }
            return .complex
        case .input:
            if let input = state.input { return .value(input) }
            return .undefined
        case .document(let id, let prefix):
            // `with data…` may replace any part of the tree: take the general path then.
            guard state.dataOverrides.isEmpty, let node = policy.node(id) else { return .complex }
            var base: Value? = state.data
            for name in prefix {
                guard let current = base else { break }
                base = Evaluator.baseMember(current, .string(name))
            }
            if let base { return .value(base) }
            guard let document = try document(node, term.location, path: prefix) else { return .undefined }
            return .value(document)
        case .ref(let head, let path):
            if case .data = head.kind { return try directDataRef(path, frame, term.location) }
            // Walk from the head's value one segment at a time: no key array to build, and nothing past an
            // undefined member is evaluated.
            var current: Value
            switch try evalDirect(head, frame) {
            case .value(let v): current = v
            case .undefined: return .undefined
            case .complex: return .complex
            }
            for p in path {
                let key: Value
                switch p.kind {
                case .scalar(let v): key = v
                case .local(let slot, _):
                    guard let v = frame.slots[slot] else { return .complex }
                    key = v
                default:
                    switch try evalDirect(p, frame) {
                    case .value(let v): key = v
                    case .undefined: return .undefined
                    case .complex: return .complex
                    }
                }
                guard let next = current.member(key) else { return .undefined }
                current = next
            }
            return .value(current)
        case .builtinCall(let builtin, let args) where args.count == builtin.arity && !builtin.isRelation:
            return try directList(args, frame) { (values: [Value]) throws(RegoError) -> Value? in
                try self.callBuiltin(builtin, values, term.location)
            }
        case .array(let items):
            return try directList(items, frame) { (values: [Value]) throws(RegoError) -> Value? in
                try self.built(members: values.count, term.location)
                return .array(values)
            }
        case .set(let items):
            return try directList(items, frame) { (values: [Value]) throws(RegoError) -> Value? in
                try self.built(members: values.count, term.location)
                return .set(SetValue(values))
            }
        case .object(let entries):
            var pairs: [(Value, Value)] = []
            pairs.reserveCapacity(entries.count)
            for e in entries {
                guard case .value(let key) = try evalDirect(e.key, frame) else { return .complex }
                switch try evalDirect(e.value, frame) {
                case .value(let v): pairs.append((key, v))
                case .undefined: return .undefined
                case .complex: return .complex
                }
            }
            try built(members: pairs.count, term.location)
            return .value(.object(ObjectValue(pairs)))
        default:
            return .complex
        }
    }

    /// A `data.…` reference that the compiler could not resolve to a rule node, when every segment has one value.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func directDataRef<F: Frame>(_ path: [Term], _ frame: F, _ location: SourceLocation) throws(RegoError) -> DirectResult {
        guard state.dataOverrides.isEmpty else { return .complex }
        var keys: [Value] = []
        keys.reserveCapacity(path.count)
        for p in path {
            switch p.kind {
            case .scalar(let v): keys.append(v)
            case .local(let slot, _):
                guard let v = frame.slots[slot] else { return .complex }
                keys.append(v)
            default:
                switch try evalDirect(p, frame) {
                case .value(let v): keys.append(v)
                case .undefined: return .undefined
                case .complex: return .complex
                }
            }
        }
        return try directData(policy.root, state.data, keys[...], location)
    }

    /// Evaluates single-valued terms and combines their values with `make` (nil: undefined).
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func directList<F: Frame>(
        _ terms: [Term], _ frame: F, _ make: ([Value]) throws(RegoError) -> Value?
    ) throws(RegoError) -> DirectResult {
        var values: [Value] = []
        values.reserveCapacity(terms.count)
        for t in terms {
            switch try evalDirect(t, frame) {
            case .value(let v): values.append(v)
            case .undefined: return .undefined
            case .complex: return .complex
            }
        }
        guard let value = try make(values) else { return .undefined }
        return .value(value)
    }

    /// Follows constant keys through the rule tree and base data.
    private func directData(_ node: RuleNode, _ base: Value?, _ keys: ArraySlice<Value>, _ location: SourceLocation) throws(RegoError) -> DirectResult {
        if node.isFunction { return .undefined }
        if node.hasRules {
            let doc = base == nil ? try document(node, location, path: nil) : base
            guard let doc else { return .undefined }
            var current = doc
            for key in keys {
                guard let next = current.member(key) else { return .undefined }
                current = next
            }
            return .value(current)
        }
        guard let key = keys.first else {
            guard let v = try materialize(node, base, location, path: nil) else { return .undefined }
            return .value(v)
        }
        let baseChild = Evaluator.baseMember(base, key)
        if case .string(let s) = key, let child = node.children[s] {
            return try directData(child, baseChild, keys.dropFirst(), location)
        }
        guard var current = baseChild else { return .undefined }
        for k in keys.dropFirst() {
            guard let next = Evaluator.baseMember(current, k) else { return .undefined }
            current = next
        }
        return .value(current)
    }

    /// Calls `k` with each value the term can take, binding variables in reference paths.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalTerm<F: Frame>(_ term: Term, _ frame: F, _ k: ValueContinuation) throws(RegoError) -> Bool {
        switch try evalDirect(term, frame) {
        case .value(let v): return try k(v)
        case .undefined: return true
        case .complex: break
        }
        switch term.kind {
        case .scalar(let v):
            return try k(v)
        case .local(let slot, let name):
            if let v = frame.slots[slot] { return try k(v) }
            throw .unsafeVariable(name: name, location: term.location)
        case .input:
            if let input = state.input { return try k(input) }
            return true
        case .data:
            guard let v = try materialize(policy.root, state.data, term.location, path: []) else { return true }
            return try k(v)
        case .document(_, let prefix):
            return try evalData(
                policy.root, state.data, prefix.map { Term(.scalar(.string($0)), term.location) }, 0, [], frame,
                term.location, k)
        case .ref(let head, let path):
            return try evalRef(head, path, frame, term.location, k)
        case .array(let items):
            return try evalArgs(items, items.count, frame) { (values: [Value]) throws(RegoError) -> Bool in
                try self.built(members: values.count, term.location)
                return try k(.array(values))
            }
        case .set(let items):
            return try evalArgs(items, items.count, frame) { (values: [Value]) throws(RegoError) -> Bool in
                try self.built(members: values.count, term.location)
                return try k(.set(SetValue(values)))
            }
        case .object(let entries):
            var flat: [Term] = []
            flat.reserveCapacity(entries.count * 2)
            for e in entries {
                flat.append(e.key)
                flat.append(e.value)
            }
            return try evalArgs(flat, flat.count, frame) { (values: [Value]) throws(RegoError) -> Bool in
                var pairs: [(Value, Value)] = []
                pairs.reserveCapacity(entries.count)
                var i = 0
                while i + 1 < values.count {
                    pairs.append((values[i], values[i + 1]))
                    i += 2
                }
                try self.built(members: pairs.count, term.location)
                return try k(.object(ObjectValue(pairs)))
            }
        case .builtinCall(let builtin, let args):
            return try evalArgs(args, builtin.arity, frame) { (values: [Value]) throws(RegoError) -> Bool in
                guard let result = try self.callBuiltin(builtin, values, term.location) else { return true }
                if builtin.isRelation, case .array(let results) = result {
                    for r in results where try !k(r) { return false }
                    return true
                }
                return try k(result)
            }
        case .functionCall(let path, let args):
            return try evalArgs(args, args.count, frame) { (values: [Value]) throws(RegoError) -> Bool in
                guard let result = try self.callFunction(path, values, term.location) else { return true }
                return try k(result)
            }
        case .arrayComprehension(let head, let body):
            return try k(.array(try comprehensionItems(head, body, frame, term.location)))
        case .setComprehension(let head, let body):
            return try k(.set(SetValue(try comprehensionItems(head, body, frame, term.location))))
        case .objectComprehension(let keyTerm, let valueTerm, let body):
            var dict: [Value: Value] = [:]
            _ = try nested(term.location) { () throws(RegoError) -> Bool in
                try self.evalBody(body, 0, frame) { () throws(RegoError) -> Bool in
                    try self.evalTerm(keyTerm, frame) { (key: Value) throws(RegoError) -> Bool in
                        try self.evalTerm(valueTerm, frame) { (value: Value) throws(RegoError) -> Bool in
                            if let existing = dict[key], existing != value {
                                throw .conflict(message: "object keys must be unique", location: term.location)
                            }
                            dict[key] = value
                            try self.grow(to: dict.count, term.location)
                            return true
                        }
                    }
                }
            }
            return try k(.object(ObjectValue(dict.map { ($0.key, $0.value) })))
        case .template(let parts):
            return try evalTemplate(parts, frame, term.location, k)
        case .variable(let name):
            throw .compile(message: "unresolved name \(name)", location: term.location)
        case .call:
            throw .compile(message: "unresolved call", location: term.location)
        }
    }

    /// Evaluates a template string; undefined expressions render as `<undefined>`.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func evalTemplate<F: Frame>(_ parts: [TemplatePart], _ frame: F, _ location: SourceLocation, _ k: ValueContinuation) throws(RegoError) -> Bool {
        var out = BoundedOutput(context.budget)
        for part in parts {
            switch part {
            case .text(let s):
                do { try out.append(s) } catch { throw error.located(at: location) }
            case .expression(let body):
                guard let expr = body.first else { continue }
                var rendered: String?
                if case .term(let t) = expr.kind, body.count == 1, !expr.negated {
                    var values: [Value] = []
                    // `{x with input as …}`: the term's value under the replacements.
                    let outer = state
                    let inner = expr.withs.isEmpty ? outer : try stateWith(expr.withs, frame)
                    if let inner {
                        state = inner
                        defer { state = outer }
                        _ = try evalTerm(t, frame) { (v: Value) throws(RegoError) -> Bool in
                            values.append(v)
                            return values.count < 2
                        }
                    }
                    if values.count > 1 {
                        throw .conflict(message: "template expression produced multiple outputs", location: location)
                    }
                    if let v = values.first {
                        if case .string(let s) = v {
                            rendered = s
                        } else {
                            do { try out.checkText(of: v) } catch { throw error.located(at: location) }
                            rendered = v.regoText
                        }
                    }
                } else {
                    var found = false
                    _ = try evalBody(body, 0, frame) { () throws(RegoError) -> Bool in
                        found = true
                        return false
                    }
                    rendered = found ? "true" : nil
                }
                do { try out.append(rendered ?? "<undefined>") } catch { throw error.located(at: location) }
            }
        }
        return try k(.string(out.string))
    }

    /// Every value `head` takes over the solutions of `body` (array and set comprehensions), within the size bound.
    @inline(never)
    func comprehensionItems<F: Frame>(
        _ head: Term, _ body: [Expr], _ frame: F, _ location: SourceLocation?
    ) throws(RegoError) -> [Value] {
        var items: [Value] = []
        _ = try nested(location) { () throws(RegoError) -> Bool in
            try self.evalBody(body, 0, frame) { () throws(RegoError) -> Bool in
                try self.evalTerm(head, frame) { (v: Value) throws(RegoError) -> Bool in
                    items.append(v)
                    try self.grow(to: items.count, location)
                    return true
                }
            }
        }
        return items
    }
}
