/// Calls to built-ins and user functions, honouring `with` replacements and strict mode.
extension Evaluator {
    @inline(never)
    func callBuiltin(_ builtin: Builtin, _ args: [Value], _ location: SourceLocation) throws(RegoError) -> Value? {
        if !state.mocks.isEmpty, let mock = state.mocks[builtin.name] {
            return try apply(mock, args, location)
        }
        do {
            return try builtin.implementation(args, context)
        } catch let error as RegoError {
            switch error {
            case .builtin, .evalType:
                if strictBuiltinErrors { throw error.located(at: location) }
                return nil
            default:
                throw error.located(at: location)
            }
        } catch {
            if strictBuiltinErrors {
                throw .builtin(name: builtin.name, message: "\(error)", location: location)
            }
            return nil
        }
    }

    @inline(never)

    func callFunction(_ path: [String], _ args: [Value], _ location: SourceLocation) throws(RegoError) -> Value? {
        if !state.mocks.isEmpty, let mock = state.mocks["data." + path.joined(separator: ".")] {
            return try apply(mock, args, location)
        }
        guard let group = policy.functions[path] else { return nil }
        return try nested(location) { () throws(RegoError) -> Value? in
            var result: Value?
            for rule in group.rules {
                try evalFunctionChain(rule, args) { (v: Value) throws(RegoError) in
                    if let existing = result, existing != v {
                        throw .conflict(message: "functions must not produce multiple outputs for same inputs", location: rule.location)
                    }
                    result = v
                }
            }
            if result == nil, let fallback = group.defaultRule {
                try evalFunctionChain(fallback, args) { (v: Value) throws(RegoError) in result = v }
            }
            return result
        }
    }

    @inline(never)

    private func apply(_ mock: FunctionMock, _ args: [Value], _ location: SourceLocation) throws(RegoError) -> Value? {
        switch mock {
        case .value(let v):
            return v
        case .replacement(let replacement):
            let saved = state.mocks
            let savedCache = state.cache
            state.mocks = [:]
            state.cache = DocumentCache()
            defer {
                state.mocks = saved
                state.cache = savedCache
            }
            switch replacement {
            case .builtin(let b): return try callBuiltin(b, Array(args.prefix(b.arity)), location)
            case .function(let path): return try callFunction(path, args, location)
            }
        }
    }
}
