/// Rule evaluation: complete, partial set and partial object documents (cached per query and
/// `with` context), `else` chains, defaults and conflict detection.
extension Evaluator {
    /// The document the rules at `node` define, or nil when undefined.
    @inline(never)
    func document(_ node: RuleNode, _ location: SourceLocation, path: [String]?) throws(RegoError) -> Value? {
        if let cached = state.cache[node.id] { return cached }
        // Under `with data…` or a function replacement even a ground document may differ: share only plain ones.
        let sharable = shared != nil && state.dataOverrides.isEmpty && state.mocks.isEmpty && policy.isGround(node.id)
        if sharable, let known = shared?[node.id] {
            state.cache[node.id] = known
            return known
        }
        var value = try nested(location) { () throws(RegoError) -> Value? in try computeDocument(node, location) }
        if let path, !state.dataOverrides.isEmpty {
            for (p, replacement) in state.dataOverrides where p.count > path.count && Array(p.prefix(path.count)) == path {
                value = Evaluator.upsert(value ?? .emptyObject, p.dropFirst(path.count), replacement)
            }
        }
        state.cache[node.id] = .some(value)
        if sharable { shared?.store(node.id, value) }
        return value
    }

    @inline(never)

    private func computeDocument(_ node: RuleNode, _ location: SourceLocation) throws(RegoError) -> Value? {
        switch node.kind {
        case .complete:
            var result: Value?
            for rule in node.rules {
                try evalCompleteChain(rule) { (v: Value) throws(RegoError) in
                    if let existing = result, existing != v {
                        throw .conflict(message: "complete rules must not produce multiple outputs", location: rule.location)
                    }
                    result = v
                }
            }
            if result == nil, let fallback = node.defaultRule {
                try evalCompleteChain(fallback) { (v: Value) throws(RegoError) in result = v }
            }
            return result
        case .partialSet:
            var items: [Value] = []
            for rule in node.rules {
                let frame = Frame(size: rule.slotCount)
                guard let key = rule.key else { continue }
                _ = try evalBody(rule.body, 0, frame) { () throws(RegoError) -> Bool in
                    try self.evalTerm(key, frame) { (v: Value) throws(RegoError) -> Bool in
                        items.append(v)
                        try self.grow(to: items.count, rule.location)
                        return true
                    }
                }
            }
            return .set(SetValue(items))
        case .partialObject:
            var document = PartialObjectDocument(location: location)
            var flat: [Value: Value] = [:]
            var count = 0
            for rule in node.rules {
                let frame = Frame(size: rule.slotCount)
                _ = try evalBody(rule.body, 0, frame) { () throws(RegoError) -> Bool in
                    try self.evalArgs(rule.dynamicHead, rule.dynamicHead.count, frame) { (keys: [Value]) throws(RegoError) -> Bool in
                        // `p[k] contains m`: a member of the set under the keys.
                        if let member = rule.key {
                            return try self.evalTerm(member, frame) { (m: Value) throws(RegoError) -> Bool in
                                try document.add(keys, member: m)
                                count += 1
                                try self.grow(to: count, rule.location)
                                return true
                            }
                        }
                        return try self.evalTerm(rule.value, frame) { (v: Value) throws(RegoError) -> Bool in
                            if keys.count == 1 {
                                if let existing = flat[keys[0]], existing != v {
                                    throw .conflict(message: "object keys must be unique", location: rule.location)
                                }
                                flat[keys[0]] = v
                                try self.grow(to: flat.count, rule.location)
                            } else {
                                try document.add(keys, value: v)
                                count += 1
                                try self.grow(to: count, rule.location)
                            }
                            return true
                        }
                    }
                }
            }
            for (k, v) in flat.sorted(by: { $0.key < $1.key }) {
                try document.add([k], value: v)
            }
            for name in node.children.keys.sorted() {
                guard let child = node.children[name] else { continue }
                if let v = try materialize(child, nil, location, path: nil) {
                    try document.merge(child: name, document: v)
                }
            }
            return .object(document.object)
        case .function, nil:
            return nil
        }
    }

    /// Evaluates a complete rule; its `else` applies only when its body has no solution.
    @inline(never)
    private func evalCompleteChain(_ rule: CompiledRule, _ emit: (Value) throws(RegoError) -> Void) throws(RegoError) {
        let frame = Frame(size: rule.slotCount)
        var found = false
        _ = try evalBody(rule.body, 0, frame) { () throws(RegoError) -> Bool in
            found = true
            return try self.evalTerm(rule.value, frame) { (v: Value) throws(RegoError) -> Bool in
                try emit(v)
                return true
            }
        }
        if !found, let next = rule.elseRule {
            try evalCompleteChain(next, emit)
        }
    }

    /// Evaluates a function definition for the given arguments, then its `else` chain.
    @inline(never)
    func evalFunctionChain(_ rule: CompiledRule, _ args: [Value], _ emit: (Value) throws(RegoError) -> Void) throws(RegoError) {
        let frame = Frame(size: rule.slotCount)
        var found = false
        _ = try unifyArguments(rule.args, args, 0, frame) { () throws(RegoError) -> Bool in
            try self.evalBody(rule.body, 0, frame) { () throws(RegoError) -> Bool in
                found = true
                return try self.evalTerm(rule.value, frame) { (v: Value) throws(RegoError) -> Bool in
                    try emit(v)
                    return true
                }
            }
        }
        if !found, let next = rule.elseRule {
            try evalFunctionChain(next, args, emit)
        }
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func unifyArguments<F: Frame>(_ terms: [Term], _ values: [Value], _ i: Int, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        if i == terms.count { return try k() }
        return try unify(terms[i], values[i], frame) { () throws(RegoError) -> Bool in
            try self.unifyArguments(terms, values, i + 1, frame, k)
        }
    }

    /// `value` with the document at `path` replaced, creating objects along the way.
    static func upsert(_ value: Value, _ path: ArraySlice<String>, _ replacement: Value) -> Value {
        guard let first = path.first else { return replacement }
        var object = value.objectValue ?? ObjectValue()
        let key = Value.string(first)
        object.set(key, upsert(object[key] ?? .emptyObject, path.dropFirst(), replacement))
        return .object(object)
    }
}
