import Rego
import Synchronization
import Testing

/// Counts how often policies call `test.counted(x)` (which returns `x`), to see which documents a bound query
/// computes once and which it computes per evaluation.
private final class CallCounter: Sendable {
    let calls = Atomic(0)

    func options() throws -> CompileOptions {
        var options = CompileOptions()
        try options.builtins.register(Builtin(name: "test.counted", arity: 1) { [self] args, _ in
            calls.add(1, ordering: .relaxed)
            return args[0]
        })
        return options
    }

    var count: Int { calls.load(ordering: .relaxed) }
}

@Suite("Bound queries")
struct BoundQueryTests {
    private func policy(_ sources: String..., counter: CallCounter) throws -> Policy {
        try Policy(
            modules: sources.enumerated().map { RegoModule(fileName: "p\($0.offset).rego", source: $0.element) },
            options: try counter.options())
    }

    private func input(_ json: String) throws -> Value { try Value(json: json) }

    @Test("a document that reads neither input nor the clock is computed once for all evaluations")
    func groundDocumentComputedOnce() throws {
        let counter = CallCounter()
        let policy = try policy("""
            package t
            table := test.counted({"a": 1, "b": 2})
            value := table[input.k]
            """, counter: counter)
        let bound = try policy.prepare(document: "data.t.value").binding(data: .emptyObject)
        #expect(try bound.value(input: input(#"{"k": "a"}"#)) == .int(1))
        #expect(try bound.value(input: input(#"{"k": "b"}"#)) == .int(2))
        #expect(try bound.value(input: input(#"{"k": "c"}"#)) == nil)
        #expect(counter.count == 1)
        // Unbound, the same query computes the table every time.
        let unbound = try policy.prepare(document: "data.t.value")
        for _ in 0..<3 { _ = try unbound.value(input: input(#"{"k": "a"}"#)) }
        #expect(counter.count == 4)
    }

    @Test("documents that depend on input, directly or through other rules and functions, are computed every time")
    func inputDependentDocumentsAreNotShared() throws {
        let counter = CallCounter()
        let policy = try policy("""
            package t
            x := test.counted(input.x)
            doubled := x * 2
            f(n) := n + input.offset
            shifted := test.counted(f(1))
            every_item if { every v in input.items { v > 0 } }
            whole := test.counted(data.t.x)
            """, counter: counter)
        let doubled = try policy.prepare(document: "data.t.doubled").binding(data: .emptyObject)
        #expect(try doubled.value(input: input(#"{"x": 1}"#)) == .int(2))
        #expect(try doubled.value(input: input(#"{"x": 5}"#)) == .int(10))
        let shifted = try policy.prepare(document: "data.t.shifted").binding(data: .emptyObject)
        #expect(try shifted.value(input: input(#"{"offset": 1}"#)) == .int(2))
        #expect(try shifted.value(input: input(#"{"offset": 9}"#)) == .int(10))
        let every = try policy.prepare(document: "data.t.every_item").binding(data: .emptyObject)
        #expect(try every.value(input: input(#"{"items": [1, 2]}"#)) == .bool(true))
        #expect(try every.value(input: input(#"{"items": [1, -2]}"#)) == nil)
        let whole = try policy.prepare(document: "data.t.whole").binding(data: .emptyObject)
        #expect(try whole.value(input: input(#"{"x": 3}"#)) == .int(3))
        #expect(try whole.value(input: input(#"{"x": 4}"#)) == .int(4))
        #expect(counter.count == 8)
    }

    @Test("a reference into data with a variable segment is ground only if every document it may reach is")
    func dynamicDataReferences() throws {
        let counter = CallCounter()
        let policy = try policy(
            "package tables\nfixed := 1\nalso := 2",
            "package live\nfrom_input := input.v\nfixed := 1",
            """
            package t
            constant := test.counted([data.tables[n] | some n in ["fixed", "also"]])
            mixed := test.counted([data.live[n] | some n in ["fixed", "from_input"]])
            """, counter: counter)
        let constant = try policy.prepare(document: "data.t.constant").binding(data: .emptyObject)
        #expect(try constant.value(input: input(#"{"v": 7}"#)) == .array([.int(1), .int(2)]))
        #expect(try constant.value(input: input(#"{"v": 8}"#)) == .array([.int(1), .int(2)]))
        #expect(counter.count == 1)
        let mixed = try policy.prepare(document: "data.t.mixed").binding(data: .emptyObject)
        #expect(try mixed.value(input: input(#"{"v": 7}"#)) == .array([.int(1), .int(7)]))
        #expect(try mixed.value(input: input(#"{"v": 8}"#)) == .array([.int(1), .int(8)]))
        #expect(counter.count == 3)
    }

    @Test("the clock and randomness are read per evaluation, even by otherwise constant rules")
    func nondeterministicBuiltins() throws {
        let counter = CallCounter()
        let policy = try policy("""
            package t
            now := test.counted(time.now_ns())
            """, counter: counter)
        let bound = try policy.prepare(document: "data.t.now").binding(data: .emptyObject)
        var environment = EvaluationEnvironment()
        environment.clock = FixedEvaluationClock(nanoseconds: 1)
        #expect(try bound.value(environment: environment) == .int(1))
        environment.clock = FixedEvaluationClock(nanoseconds: 2)
        #expect(try bound.value(environment: environment) == .int(2))
        #expect(counter.count == 2)
    }

    @Test("the bound data document is what ground rules see, and `with` replacements are not shared")
    func dataAndWith() throws {
        let counter = CallCounter()
        let policy = try policy("""
            package t
            limit := test.counted(data.config.limit)
            ok if input.n <= limit
            replaced if {
                limit == 99 with data.config.limit as 99
            }
            mocked if {
                limit == 5 with test.counted as 5
            }
            """, counter: counter)
        let one = try policy.prepare(document: "data.t.ok").binding(data: try Value(json: #"{"config": {"limit": 10}}"#))
        let other = try policy.prepare(document: "data.t.ok").binding(data: try Value(json: #"{"config": {"limit": 3}}"#))
        #expect(try one.value(input: input(#"{"n": 5}"#)) == .bool(true))
        #expect(try other.value(input: input(#"{"n": 5}"#)) == nil)
        #expect(try one.value(input: input(#"{"n": 10}"#)) == .bool(true))
        #expect(counter.count == 2)
        let query = try policy.prepare(query: "data.t.replaced; data.t.mocked; data.t.limit == 10")
            .binding(data: try Value(json: #"{"config": {"limit": 10}}"#))
        for _ in 0..<2 { #expect(try query.evaluate(input: .emptyObject).solutions.count == 1) }
        // The plain limit is computed once; under `with data…` it is computed per evaluation (the mock never calls).
        #expect(counter.count == 5)
    }

    @Test("a ground rule that fails is not remembered: every evaluation reports the error")
    func errorsAreNotShared() throws {
        let counter = CallCounter()
        let policy = try policy("""
            package t
            clash := test.counted(x) if { some x in [1, 2] }
            """, counter: counter)
        let bound = try policy.prepare(document: "data.t.clash").binding(data: .emptyObject)
        for _ in 0..<2 {
            #expect(throws: RegoError.self) { try bound.value(input: .emptyObject) }
        }
        #expect(counter.count == 4)
    }
}
