import Rego
import Testing

@Suite("Evaluation")
struct EvaluationTests {
    private func policy(_ source: String, _ options: CompileOptions = CompileOptions()) throws -> Policy {
        try Policy(modules: [RegoModule(fileName: "p.rego", source: source)], options: options)
    }

    @Test("integers above 2^53 round-trip exactly through JSON, arithmetic and output")
    func bigNumbers() throws {
        let input = try Value(json: #"{"tcb": 18446744073709551615, "x": 9007199254740993}"#)
        #expect(input.jsonText == #"{"tcb":18446744073709551615,"x":9007199254740993}"#)
        let p = try policy("""
            package t
            next := input.tcb + 1
            same if input.x == 9007199254740993
            different if input.x != 9007199254740992
            """)
        #expect(try p.evaluate(document: "data.t.next", input: input)?.jsonText == "18446744073709551616")
        #expect(try p.evaluate(document: "data.t.same", input: input) == .bool(true))
        #expect(try p.evaluate(document: "data.t.different", input: input) == .bool(true))
    }

    @Test("sets serialise as sorted arrays")
    func setsAsJSON() throws {
        let p = try policy("package t\ns := {3, 1, 2}")
        #expect(try p.evaluate(document: "data.t.s")?.jsonText == "[1,2,3]")
    }

    @Test("default, else and conflicts behave like OPA")
    func rules() throws {
        let p = try policy("""
            package t
            default allow := false
            allow if input.role == "admin"
            grade := "a" if { input.score > 90 } else := "b" if { input.score > 50 } else := "c"
            conflict := x if { some x in [1, 2] }
            """)
        #expect(try p.evaluate(document: "data.t.allow", input: .emptyObject) == .bool(false))
        #expect(try p.evaluate(document: "data.t.grade", input: try Value(json: #"{"score": 60}"#)) == .string("b"))
        #expect(throws: RegoError.self) { try p.evaluate(document: "data.t.conflict") }
        do {
            _ = try p.evaluate(document: "data.t.conflict")
        } catch {
            #expect(error.code == "eval_conflict_error")
        }
    }

    @Test("queries return every solution")
    func querySolutions() throws {
        let p = try policy("package t\nxs := [10, 20]")
        let result = try p.evaluate(query: "some i; data.t.xs[i] = v")
        #expect(result.solutions.count == 2)
        #expect(result.solutions.contains(["i": .int(1), "v": .int(20)]))
        #expect(try p.evaluate(query: "data.t.xs[_] == 30").isUndefined)
    }

    @Test("strict built-in errors raise, lenient ones make the call undefined")
    func builtinErrors() throws {
        let p = try policy("package t\nx := 1 / input.d")
        let zero = try Value(json: #"{"d": 0}"#)
        #expect(try p.evaluate(document: "data.t.x", input: zero) == nil)
        var environment = EvaluationEnvironment()
        environment.strictBuiltinErrors = true
        do {
            _ = try p.evaluate(document: "data.t.x", input: zero, environment: environment)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "eval_builtin_error")
            #expect(error.message.contains("divide by zero"))
        }
    }

    @Test("time.parse_ns refuses a day its month does not have, as Go's time.Parse does")
    func impossibleDates() throws {
        let p = try policy("package t\nns := time.parse_ns(\"2006-01-02\", input.date)")
        var environment = EvaluationEnvironment()
        environment.strictBuiltinErrors = true
        let leapDay = try Value(json: #"{"date": "2024-02-29"}"#)
        #expect(try p.evaluate(document: "data.t.ns", input: leapDay, environment: environment) == .int(1_709_164_800_000_000_000))
        for date in ["2023-02-29", "2024-02-30", "2024-04-31"] {
            do {
                _ = try p.evaluate(document: "data.t.ns", input: try Value(json: #"{"date": "\#(date)"}"#), environment: environment)
                Issue.record("\(date) was accepted")
            } catch {
                #expect(error.message.contains("parsing time \"\(date)\": day out of range"), "\(error.message)")
            }
        }
    }

    @Test("a prepared query is reusable across threads")
    func concurrentEvaluation() async throws {
        let p = try policy("package t\nallow if input.x == 1")
        let query = try p.prepare(document: "data.t.allow")
        let one = try Value(json: #"{"x": 1}"#)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? query.value(input: one)) == .bool(true) }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 })
    }
}
