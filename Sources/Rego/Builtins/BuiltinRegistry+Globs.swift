/// regex.globs_match: whether two glob-like patterns (``GlobPattern``) can match a common string.
extension BuiltinRegistry {
    private static func globPattern(_ a: Operands, _ i: Int, _ ctx: BuiltinContext) throws(RegoError) -> GlobPattern {
        let text = try a.string(i)
        guard text.utf8.count <= ctx.limits.maxRegexPatternBytes else {
            throw .limitExceeded(limit: "maxRegexPatternBytes", bound: ctx.limits.maxRegexPatternBytes)
        }
        do throws(GlobPattern.Failure) {
            return try GlobPattern(parsing: text)
        } catch {
            throw a.failure(error.message)
        }
    }

    static let globs: [Builtin] = [
        define("regex.globs_match", 2) { a, ctx in
            let first = try globPattern(a, 0, ctx)
            let second = try globPattern(a, 1, ctx)
            // One flag per pair of positions: reserve them before the search allocates them.
            try ctx.reserve(members: (first.elements.count + 1).saturatingProduct(second.elements.count + 1) / 16)
            return .bool(try first.intersects(second) { () throws(RegoError) in try ctx.budget.tick() })
        },
    ]
}
