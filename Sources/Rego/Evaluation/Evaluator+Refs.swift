/// References: walking values, iterating over unbound path variables, and descending the
/// rule tree merged with base data.
extension Evaluator {
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalRef<F: Frame>(_ head: Term, _ path: [Term], _ frame: F, _ location: SourceLocation, _ k: ValueContinuation) throws(RegoError) -> Bool {
        switch head.kind {
        case .data:
            return try evalData(policy.root, state.data, path, 0, [], frame, location, k)
        case .input:
            guard let input = state.input else { return true }
            return try walkValue(input, path, 0, frame, location, k)
        default:
            return try evalTerm(head, frame) { (v: Value) throws(RegoError) -> Bool in
                try self.walkValue(v, path, 0, frame, location, k)
            }
        }
    }

    /// Whether a term has an unbound variable in a value position (so it is a pattern to
    /// match rather than a value to compute).
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func hasUnboundVariable<F: Frame>(_ term: Term, _ frame: F) -> Bool {
        switch term.kind {
        case .local(let slot, _):
            return frame.slots[slot] == nil
        case .array(let items), .set(let items):
            return items.contains { hasUnboundVariable($0, frame) }
        case .object(let entries):
            return entries.contains { hasUnboundVariable($0.key, frame) || hasUnboundVariable($0.value, frame) }
        case .ref(let head, _):
            return hasUnboundVariable(head, frame)
        case .builtinCall(_, let args), .functionCall(_, let args):
            return args.contains { hasUnboundVariable($0, frame) }
        default:
            return false
        }
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func walkValue<F: Frame>(_ value: Value, _ path: [Term], _ i: Int, _ frame: F, _ location: SourceLocation, _ k: ValueContinuation) throws(RegoError) -> Bool {
        if i == path.count { return try k(value) }
        let segment = path[i]
        switch try evalDirect(segment, frame) {
        case .value(let key):
            guard let next = value.member(key) else { return true }
            return try walkValue(next, path, i + 1, frame, location, k)
        case .undefined:
            return true
        case .complex:
            break
        }
        if hasUnboundVariable(segment, frame) {
            return try forEachEntry(value, location) { (key: Value, child: Value) throws(RegoError) -> Bool in
                try self.unify(segment, key, frame) { () throws(RegoError) -> Bool in
                    try self.walkValue(child, path, i + 1, frame, location, k)
                }
            }
        }
        return try evalTerm(segment, frame) { (key: Value) throws(RegoError) -> Bool in
            guard let next = value.member(key) else { return true }
            return try self.walkValue(next, path, i + 1, frame, location, k)
        }
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalData<F: Frame>(
        _ node: RuleNode, _ base: Value?, _ path: [Term], _ i: Int, _ absolute: [String], _ frame: F,
        _ location: SourceLocation, _ k: ValueContinuation
    ) throws(RegoError) -> Bool {
        if !state.dataOverrides.isEmpty, let replaced = state.dataOverrides[absolute] {
            return try walkValue(replaced, path, i, frame, location, k)
        }
        if node.isFunction { return true }
        if node.hasRules {
            let doc = base == nil ? try document(node, location, path: absolute) : base
            guard let doc else { return true }
            return try walkValue(doc, path, i, frame, location, k)
        }
        if i == path.count {
            guard let v = try materialize(node, base, location, path: absolute) else { return true }
            return try k(v)
        }
        let segment = path[i]
        switch try evalDirect(segment, frame) {
        case .value(let key): return try descendData(node, base, key, path, i, absolute, frame, location, k)
        case .undefined: return true
        case .complex: break
        }
        guard hasUnboundVariable(segment, frame) else {
            return try evalTerm(segment, frame) { (key: Value) throws(RegoError) -> Bool in
                try self.descendData(node, base, key, path, i, absolute, frame, location, k)
            }
        }
        var keys = Set<Value>()
        for name in node.children.keys where node.children[name]?.isFunction == false {
            keys.insert(.string(name))
        }
        if let base {
            _ = try forEachEntry(base, location) { (key: Value, _: Value) throws(RegoError) -> Bool in
                keys.insert(key)
                return true
            }
        }
        for key in keys.sorted() {
            try step(location)
            let more = try unify(segment, key, frame) { () throws(RegoError) -> Bool in
                try self.descendData(node, base, key, path, i, absolute, frame, location, k)
            }
            if !more { return false }
        }
        return true
    }

    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    private func descendData<F: Frame>(
        _ node: RuleNode, _ base: Value?, _ key: Value, _ path: [Term], _ i: Int, _ absolute: [String],
        _ frame: F, _ location: SourceLocation, _ k: ValueContinuation
    ) throws(RegoError) -> Bool {
        let baseChild = Evaluator.baseMember(base, key)
        if case .string(let s) = key, let child = node.children[s] {
            return try evalData(child, baseChild, path, i + 1, absolute + [s], frame, location, k)
        }
        guard let baseChild else { return true }
        return try walkValue(baseChild, path, i + 1, frame, location, k)
    }

    /// A member of base data; number keys also find the object key with the same text.
    static func baseMember(_ base: Value?, _ key: Value) -> Value? {
        guard let base else { return nil }
        if let v = base.member(key) { return v }
        if case .number(let n) = key, case .object = base { return base.member(.string(n.description)) }
        return nil
    }

    /// The document at a tree node: rule results, or an object of base data and children.
    /// `path` is the node's absolute path when `with data` replacements may apply.
    func materialize(_ node: RuleNode, _ base: Value?, _ location: SourceLocation, path: [String]?) throws(RegoError) -> Value? {
        if let path, !state.dataOverrides.isEmpty, let replaced = state.dataOverrides[path] { return replaced }
        if node.isFunction { return nil }
        if node.hasRules { return try document(node, location, path: path) }
        if node.children.isEmpty { return base ?? .emptyObject }
        var object = base?.objectValue ?? ObjectValue()
        for name in node.children.keys.sorted() {
            guard let child = node.children[name] else { continue }
            let key = Value.string(name)
            // Base data under a rule's key wins over the rule; under a package's key (put there by `with data.…`,
            // say) it merges with the package's documents.
            if object[key] != nil, child.hasRules { continue }
            if let v = try materialize(child, base?.member(key), location, path: path.map { $0 + [name] }) {
                object.set(key, v)
            }
        }
        return .object(object)
    }
}
