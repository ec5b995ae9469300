/// yaml.unmarshal, yaml.is_valid and yaml.marshal (``YAMLParser``, ``YAMLEmitter``).
extension BuiltinRegistry {
    private static func parseYAML(_ text: String, _ ctx: BuiltinContext) throws(YAMLParser.Failure) -> Value {
        var parser = YAMLParser(text, maxDepth: ctx.limits.maxJSONDepth)
        return try parser.parse()
    }

    static let yaml: [Builtin] = [
        define("yaml.unmarshal", 1) { a, ctx in
            let text = try a.string(0)
            do throws(YAMLParser.Failure) {
                return try parseYAML(text, ctx)
            } catch {
                throw a.failure(error.message)
            }
        },
        define("yaml.is_valid", 1) { a, ctx in
            guard case .string(let text) = a[0] else { return .bool(false) }
            return .bool((try? parseYAML(text, ctx)) != nil)
        },
        define("yaml.marshal", 1) { a, ctx in
            try ctx.budget.checkText(of: a[0])
            var emitter = YAMLEmitter(ctx.budget)
            try emitter.emit(a[0])
            return .string(emitter.output.string)
        },
    ]
}
