/// Bounds that keep hostile policies and inputs from exhausting the stack, memory or time.
public struct Limits: Sendable, Hashable {
    /// The deepest nesting of terms, bodies and brackets the parser accepts.
    public var maxParserDepth: Int = 200
    /// The largest source text, in bytes, of one module or query.
    public var maxSourceBytes: Int = 4 << 20
    /// The deepest nesting the JSON reader accepts in input and data.
    public var maxJSONDepth: Int = 512
    /// The deepest chain of rule and function evaluations (recursion depth).
    public var maxCallDepth: Int = 256
    /// The most evaluation steps (expression evaluations and iterations) per query.
    public var maxEvaluationSteps: Int = 50_000_000
    /// The most members a collection or UTF-8 bytes a string built during evaluation may have.
    public var maxOutputSize: Int = 10_000_000
    /// The most bytes one evaluation may produce, counted as it builds strings (their UTF-8 bytes) and collections
    /// (16 bytes a member) in built-ins, comprehensions and rule documents: a proxy for the memory it allocates.
    public var maxAllocationBytes: Int = 64 << 20
    /// The longest one evaluation may run, by the wall clock; `EvaluationEnvironment.deadline` may end it sooner.
    public var maxEvaluationDuration: Duration = .seconds(5)
    /// The longest regular expression, in bytes, the regex and glob built-ins compile.
    public var maxRegexPatternBytes: Int = 16 << 10

    /// The default bounds.
    public init() {}
}
