/// `with` modifiers: replace input, data or functions for one expression only.
extension Evaluator {
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func evalWith<F: Frame>(_ expr: Expr, _ frame: F, _ k: Continuation) throws(RegoError) -> Bool {
        guard let inner = try stateWith(expr.withs, frame) else { return true }
        var outer = state
        state = inner
        defer { state = outer }
        var plain = expr
        plain.withs = []
        return try evalExpr(plain, frame) { () throws(RegoError) -> Bool in
            let current = self.state
            self.state = outer
            defer {
                outer = self.state
                self.state = current
            }
            return try k()
        }
    }

    /// The state with the modifiers' replacements in force, or nil when a replacement value is undefined.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func stateWith<F: Frame>(_ withs: [WithModifier], _ frame: F) throws(RegoError) -> State? {
        var inner = state
        inner.cache = DocumentCache()
        for modifier in withs {
            guard let target = modifier.resolved else { continue }
            let mock: FunctionMock
            if let replacement = modifier.replacement {
                mock = .replacement(replacement)
            } else {
                var value: Value?
                _ = try evalTerm(modifier.value, frame) { (v: Value) throws(RegoError) -> Bool in
                    value = v
                    return false
                }
                guard let value else { return nil }
                mock = .value(value)
            }
            switch (target, mock) {
            case (.input(let path), .value(let v)):
                inner.input = path.isEmpty ? v : Evaluator.upsert(inner.input ?? .emptyObject, path[...], v)
            case (.data(let path), .value(let v)):
                inner.data = Evaluator.upsert(inner.data, path[...], v)
                inner.dataOverrides[path] = v
            case (.builtin(let name), _):
                inner.mocks[name] = mock
            case (.function(let path), _):
                inner.mocks["data." + path.joined(separator: ".")] = mock
            default:
                throw .compile(message: "with keyword value must be a value for documents", location: modifier.location)
            }
        }
        return inner
    }
}
