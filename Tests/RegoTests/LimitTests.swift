import Rego
import Testing

@Suite("Limits on hostile policies and inputs")
struct LimitTests {
    private func error(_ body: () throws -> Void) -> RegoError? {
        do {
            try body()
            return nil
        } catch {
            return error as? RegoError
        }
    }

    @Test("deeply nested policy terms end with a parse error")
    func deepPolicyNesting() {
        let source = "package t\nx := " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let e = error { _ = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)]) }
        #expect(e?.code == "rego_parse_error")
        #expect(e?.message.contains("maxParserDepth") == true)
    }

    @Test("deeply nested JSON input ends with a limit error")
    func deepInput() {
        let json = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(error { _ = try Value(json: json) }?.code == "eval_limit_error")
    }

    @Test("runaway recursion through with-mocks ends with a limit error")
    func runawayRecursion() throws {
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: """
            package t
            f(x) := y if { y := g(x) with h as f }
            g(x) := h(x)
            h(x) := x
            p := f(1)
            """)])
        let e = error { _ = try policy.evaluate(document: "data.t.p") }
        #expect(e == nil || e?.code == "eval_limit_error")
    }

    @Test("a huge comprehension stops at the output bound")
    func hugeComprehension() throws {
        var options = CompileOptions()
        options.limits.maxOutputSize = 10_000
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: """
            package t
            xs := [x | some x in numbers.range(1, 1000000)]
            """)], options: options)
        var environment = EvaluationEnvironment()
        environment.strictBuiltinErrors = true
        let e = error { _ = try policy.evaluate(document: "data.t.xs", environment: environment) }
        #expect(e?.code == "eval_limit_error")
    }

    @Test("an endless search stops at the step bound")
    func stepBound() throws {
        var options = CompileOptions()
        options.limits.maxEvaluationSteps = 100_000
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: """
            package t
            n := count([1 | some a in numbers.range(1, 1000); some b in numbers.range(1, 1000)])
            """)], options: options)
        #expect(error { _ = try policy.evaluate(document: "data.t.n") }?.code == "eval_limit_error")
    }

    @Test("huge source text is rejected before parsing")
    func hugeSource() {
        var options = CompileOptions()
        options.limits.maxSourceBytes = 1_000
        let source = "package t\n" + String(repeating: "# padding\n", count: 1_000)
        #expect(error { _ = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)], options: options) }?.code == "eval_limit_error")
    }
}
