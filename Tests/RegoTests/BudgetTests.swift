import Rego
import Synchronization
import Testing

/// Set by a task once it runs.
private final class StartSignal: Sendable {
    let flag = Atomic(false)
}

/// The attacks from the security review: each crashed (an overflow trap), allocated without bound or ran without
/// bound before; each now ends quickly with the error that names the bound.
@Suite("Evaluation budget against hostile policies and inputs")
struct BudgetTests {
    /// The outcome of one evaluation and how long it took.
    private struct Run {
        var source: String
        var value: Value?
        var error: RegoError?
        var elapsed: Duration
    }

    private func run(
        _ source: String, document: String = "data.t.p", input: Value? = nil, limits: Limits = Limits(),
        environment: EvaluationEnvironment = EvaluationEnvironment()
    ) throws -> Run {
        var options = CompileOptions()
        options.limits = limits
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: "package t\n" + source)], options: options)
        let query = try policy.prepare(document: document)
        let start = ContinuousClock.now
        do {
            let value = try query.value(input: input, environment: environment)
            return Run(source: source, value: value, error: nil, elapsed: start.duration(to: .now))
        } catch {
            return Run(source: source, value: nil, error: error, elapsed: start.duration(to: .now))
        }
    }

    private func expectLimit(_ run: Run, _ limit: String, within bound: Duration = .seconds(2)) {
        #expect(run.error?.code == "eval_limit_error", "\(String(describing: run.error))")
        if case .limitExceeded(let name, _, _)? = run.error { #expect(name == limit) }
        #expect(run.elapsed < bound)
        let policy = run.source.split(separator: "\n").last.map { $0.prefix(90) } ?? ""
        let ms = (Double(run.elapsed.components.seconds) * 1000 + Double(run.elapsed.components.attoseconds) / 1e15)
        print("budget: \(limit) after \((ms * 100).rounded() / 100) ms: \(policy)")
    }

    @Test("strings.repeat with a count whose size overflows Int fails the output bound instead of trapping",
          arguments: ["4000000000000000000", "2305843009213693951", "9999999999999"])
    func repeatHugeCount(count: String) throws {
        expectLimit(try run("p := strings.repeat(\"abc\", \(count))"), "maxOutputSize")
    }

    @Test("a count taken from input.runtime_data is bounded the same way")
    func inputDrivenCount() throws {
        let input = try Value(json: #"{"runtime_data": {"count": 4000000000000000000}}"#)
        expectLimit(try run("p := strings.repeat(\"x\", input.runtime_data.count)", input: input), "maxOutputSize")
    }

    @Test("concat, replace and sprintf fail before building a result past the output bound")
    func amplifyingStrings() throws {
        let big = "big := strings.repeat(\"a\", 4000000)\n"
        expectLimit(try run(big + "p := concat(big, [\"\", \"\", \"\", \"\"])"), "maxOutputSize")
        expectLimit(try run(big + "p := replace(big, \"a\", \"bbb\")"), "maxOutputSize")
        expectLimit(try run(big + "p := replace(\"abc\", \"\", big)"), "maxOutputSize")
        expectLimit(try run(big + "p := sprintf(\"%v%v%v\", [big, big, big])"), "maxOutputSize")
        let thirty = String(repeating: "x", count: 30)
        expectLimit(
            try run("p := strings.replace_n({\"a\": \"\(thirty)\"}, strings.repeat(\"a\", 400000))"), "maxOutputSize")
    }

    @Test("numbers.range over 10^18 integers fails before allocating them")
    func hugeRange() throws {
        expectLimit(try run("p := numbers.range(0, 1e18)"), "maxOutputSize")
        expectLimit(try run("p := numbers.range_step(0, 4000000000000000000, 1)"), "maxOutputSize")
    }

    @Test("large results built over and over stop at the allocation budget (64 MiB by default)")
    func repeatedLargeResults() throws {
        // Each result is within the output bound; about 64 MB of them is not.
        expectLimit(try run("p := [strings.repeat(\"x\", 8000000) | some i in numbers.range(1, 100)]"), "maxAllocationBytes")
    }

    @Test("nested comprehensions stop at the allocation budget")
    func nestedComprehensions() throws {
        var limits = Limits()
        limits.maxAllocationBytes = 1 << 20
        let r = try run(
            "p := [[y | some y in numbers.range(1, 1000)] | some x in numbers.range(1, 1000)]", limits: limits)
        expectLimit(r, "maxAllocationBytes")
        // A literal rebuilt in a loop counts too.
        let literal = "[" + Array(repeating: "x", count: 1000).joined(separator: ", ") + "]"
        expectLimit(try run("p := [\(literal) | some x in numbers.range(1, 1000)]", limits: limits), "maxAllocationBytes")
    }

    @Test("a value that nests one member twice at each level is refused before it is written as text",
          arguments: ["json.marshal(a40)", "json.marshal_with_options(a40, {\"pretty\": true})", "sprintf(\"%v\", [a40])",
                      "sprintf(\"%d\", [a40])"])
    func exponentialText(expression: String) throws {
        // 40 small rules make a value of 2^40 strings that takes a few hundred bytes of memory.
        let levels = (1...40).map { "a\($0) := [a\($0 - 1), a\($0 - 1)]" }.joined(separator: "\n")
        expectLimit(try run("a0 := \"xxxxxxxx\"\n\(levels)\np := \(expression)"), "maxOutputSize")
    }

    /// A search that would take billions of steps and allocates nothing.
    private static let endless = "p if { some a in input.xs; some b in input.xs; some c in input.xs; a + b + c < 0 }"
    private static let endlessInput = Value.object(ObjectValue([(.string("xs"), .array((1...2000).map { Value.int($0) }))]))

    @Test("a long search stops at the wall-clock bound")
    func wallClock() throws {
        var limits = Limits()
        limits.maxEvaluationDuration = .milliseconds(50)
        expectLimit(try run(Self.endless, input: Self.endlessInput, limits: limits), "maxEvaluationDuration", within: .seconds(1))
    }

    @Test("built-ins whose time grows with the product of their operands stop at the wall-clock bound")
    func wallClockInsideBuiltins() throws {
        var limits = Limits()
        limits.maxEvaluationDuration = .milliseconds(50)
        let cidrs = (0..<3000).map { Value.string("10.\($0 / 256).\($0 % 256).0/24") }
        let addresses = (0..<3000).map { Value.string("192.168.\($0 / 256).\($0 % 256)") }
        let input = Value.object(ObjectValue([(.string("cidrs"), .array(cidrs)), (.string("addresses"), .array(addresses))]))
        expectLimit(
            try run("p := net.cidr_contains_matches(input.cidrs, input.addresses)", input: input, limits: limits),
            "maxEvaluationDuration", within: .seconds(1))
        let keys = (0..<5000).map { (Value.string("k\($0)"), Value.string("v")) }
        let replacements = Value.object(ObjectValue([(.string("keys"), .object(ObjectValue(keys)))]))
        expectLimit(
            try run("p := strings.replace_n(input.keys, strings.repeat(\"x\", 200000))", input: replacements, limits: limits),
            "maxEvaluationDuration", within: .seconds(1))
    }

    @Test("a long search stops at the caller's deadline")
    func callerDeadline() throws {
        var environment = EvaluationEnvironment()
        environment.deadline = .now + .milliseconds(50)
        expectLimit(try run(Self.endless, input: Self.endlessInput, environment: environment), "deadline", within: .seconds(1))
    }

    @Test("cancelling the task that evaluates stops the evaluation with eval_cancel_error")
    func cancellation() async throws {
        var limits = Limits()
        limits.maxEvaluationDuration = .seconds(60)
        var options = CompileOptions()
        options.limits = limits
        let query = try Policy(modules: [RegoModule(fileName: "p.rego", source: "package t\n" + Self.endless)], options: options)
            .prepare(document: "data.t.p")
        let input = Self.endlessInput
        let started = StartSignal()
        let task = Task.detached { () -> RegoError? in
            started.flag.store(true, ordering: .releasing)
            do throws(RegoError) {
                _ = try query.value(input: input)
                return nil
            } catch {
                return error
            }
        }
        // Other tests may hold the cooperative threads: wait until the evaluation runs, then cancel it.
        while !started.flag.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(20))
        let cancelled = ContinuousClock.now
        task.cancel()
        let error = await task.value
        let latency = cancelled.duration(to: .now)
        #expect(error?.code == "eval_cancel_error", "\(String(describing: error))")
        #expect(latency < .seconds(5))
        print("budget: stopped \(latency) after its task was cancelled")
    }

    @Test("inputs that trapped or hung inside built-ins now evaluate or fail quickly", arguments: [
        "p := uuid.parse(\"ffffffff-ffff-1fff-8fff-ffffffffffff\")",
        "p := to_number(strings.repeat(\"0\", 1000000))",
        "p := count(indexof_n(strings.repeat(\"a\", 100000), strings.repeat(\"a\", 50000)))",
        "p := contains(strings.repeat(\"a\", 1000000), concat(\"\", [strings.repeat(\"a\", 100000), \"b\"]))",
        "p := time.add_date(9223372036854775807, 1000000, 0, 0)",
        "p := numbers.range_step(0, 10, 4000000000000000000)",
        "p := json.marshal_with_options([[[[[[[[[[1]]]]]]]]]], {\"indent\": strings.repeat(\" \", 2000000)})",
    ])
    func noTrap(source: String) throws {
        let r = try run(source)
        #expect(r.error == nil || ["eval_limit_error", "eval_builtin_error"].contains(r.error?.code ?? ""))
        #expect(r.elapsed < .seconds(2))
    }

    @Test("(x+x+)+y against 30 x's finishes in milliseconds")
    func catastrophicBacktracking() throws {
        let r = try run("p := regex.match(\"(x+x+)+y\", \"\(String(repeating: "x", count: 30))\")")
        #expect(r.value == .bool(false))
        #expect(r.elapsed < .milliseconds(500))
        print("budget: (x+x+)+y on 30 x's in \(r.elapsed)")
        let long = try run("p := regex.match(\"(x+x+)+y\", strings.repeat(\"x\", 100000))")
        #expect(long.value == .bool(false))
        #expect(long.elapsed < .seconds(1))
        print("budget: (x+x+)+y on 100,000 x's in \(long.elapsed)")
    }

    @Test("a regular expression longer than the bound is refused before compiling")
    func longPattern() throws {
        expectLimit(try run("p := regex.match(strings.repeat(\"a\", 20000), \"a\")"), "maxRegexPatternBytes")
        #expect(try run("p := regex.is_valid(strings.repeat(\"a\", 20000))").value == .bool(false))
    }
}
