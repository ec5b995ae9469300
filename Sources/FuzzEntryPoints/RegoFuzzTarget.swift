import Rego

/// `rego`: policy text as `PUT /v1/policies/{id}` and `assay policy check` receive it: parsed and compiled
/// (``Policy``), then evaluated under small ``Limits`` so that no input can stall the fuzzer.
///
/// The input is split at NUL bytes: each part that starts with `package` (after whitespace and comments) is a module,
/// any other part a query. Without a query, the whole `data` document is evaluated, which evaluates every rule.
public enum RegoFuzzTarget: FuzzTarget {
    public static let name = "rego"
    /// Most modules and queries read from one input.
    static let maxParts = 8

    /// Bounds small enough for thousands of evaluations a second.
    static let limits: Limits = {
        var limits = Limits()
        limits.maxParserDepth = 64
        limits.maxSourceBytes = 64 * 1024
        limits.maxJSONDepth = 64
        limits.maxCallDepth = 32
        limits.maxEvaluationSteps = 20_000
        limits.maxOutputSize = 10_000
        return limits
    }()

    /// A fixed `input` document, so rules that read the input have something to match.
    static let input = Value.object(
        ObjectValue(["tee": .string("snp"), "claims": .object(ObjectValue(["debug": .bool(false), "svn": .int(3)]))]))

    public static func run(_ bytes: [UInt8]) {
        let parts = bytes.split(separator: 0, omittingEmptySubsequences: true).prefix(maxParts)
            .map { String(decoding: $0, as: UTF8.self) }
        let modules = parts.enumerated().filter { isModule($0.element) }
            .map { RegoModule(fileName: "fuzz\($0.offset).rego", source: $0.element) }
        let queries = parts.filter { !isModule($0) }
        var options = CompileOptions()
        options.limits = limits
        guard let policy = try? Policy(modules: modules, options: options) else { return }
        var environment = EvaluationEnvironment()
        environment.clock = FixedEvaluationClock(nanoseconds: 1_767_225_600_000_000_000)
        environment.randomness = FixedRandomSource()
        for query in queries.isEmpty ? ["data"] : queries {
            _ = try? policy.evaluate(query: query, input: input, environment: environment)
        }
    }

    /// Whether a part is a module: its first token is `package`.
    static func isModule(_ text: String) -> Bool {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }[...]
        while let line = lines.first, line.isEmpty || line.hasPrefix("#") { lines = lines.dropFirst() }
        return lines.first?.hasPrefix("package") ?? false
    }

    /// `rand.intn` without the system generator, so that a crash replays the same way.
    struct FixedRandomSource: EvaluationRandomness {
        func next(below upperBound: Int) -> Int { upperBound / 2 }
    }
}
