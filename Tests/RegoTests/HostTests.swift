import Rego
import Testing

/// A fixed random source for reproducible `rand.intn`.
private struct ConstantRandom: EvaluationRandomness {
    func next(below upperBound: Int) -> Int { upperBound - 1 }
}

@Suite("Host integration")
struct HostTests {
    @Test("a host built-in with declared arity is callable from policy")
    func hostBuiltin() throws {
        var options = CompileOptions()
        try options.builtins.register(Builtin(name: "assay.reference_value", arity: 1) { args, _ in
            guard case .string(let key) = args[0] else { return nil }
            return key == "snp.measurement" ? .string("abcd") : nil
        })
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: """
            package t
            ok if assay.reference_value("snp.measurement") == input.measurement
            """)], options: options)
        #expect(try policy.evaluate(document: "data.t.ok", input: try Value(json: #"{"measurement": "abcd"}"#)) == .bool(true))
        #expect(try policy.evaluate(document: "data.t.ok", input: try Value(json: #"{"measurement": "ffff"}"#)) == nil)
    }

    @Test("registering a name twice and calling with the wrong arity are errors")
    func registryErrors() throws {
        var registry = BuiltinRegistry.standard
        #expect(throws: RegoError.self) { try registry.register(Builtin(name: "count", arity: 1) { _, _ in nil }) }
        var options = CompileOptions()
        try options.builtins.register(Builtin(name: "host.f", arity: 2) { _, _ in .null })
        do {
            _ = try Policy(modules: [RegoModule(fileName: "p.rego", source: "package t\nx := host.f(1)")], options: options)
            Issue.record("expected an arity error")
        } catch {
            #expect(error.code == "rego_type_error")
        }
    }

    @Test("time.now_ns reads the injected clock, rand.intn the injected randomness")
    func injectedClockAndRandomness() throws {
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: """
            package t
            now := time.now_ns()
            year := time.date(time.now_ns())[0]
            fresh if time.now_ns() - input.issued_ns < 3600 * 1000000000
            roll := rand.intn("dice", 6)
            """)])
        var environment = EvaluationEnvironment()
        environment.clock = FixedEvaluationClock(nanoseconds: 1_700_000_000_000_000_000)
        environment.randomness = ConstantRandom()
        #expect(try policy.evaluate(document: "data.t.now", environment: environment) == .int(1_700_000_000_000_000_000))
        #expect(try policy.evaluate(document: "data.t.year", environment: environment) == .int(2023))
        let issued = try Value(json: #"{"issued_ns": 1699999000000000000}"#)
        #expect(try policy.evaluate(document: "data.t.fresh", input: issued, environment: environment) == .bool(true))
        #expect(try policy.evaluate(document: "data.t.roll", environment: environment) == .int(5))
    }
}
