/// A query compiled against a policy, ready to evaluate many times with different inputs.
public struct PreparedQuery: Sendable {
    static let resultVariable = "$result"

    let policy: CompiledPolicy
    let limits: Limits
    let body: [Expr]
    let slotCount: Int
    /// Result variables and their slots, sorted by name.
    let outputs: [(String, Int)]
    let resultVariable: String?

    init(policy: Policy, body: [Expr], resultVariable: String?) throws(RegoError) {
        var compiler = Compiler(builtins: policy.compiler.builtins)
        compiler.adopt(root: policy.compiler.root, functions: policy.compiler.functions)
        let (compiled, slotNames, topLevel) = try compiler.compileQuery(body)
        self.policy = policy.compiled
        limits = policy.options.limits
        self.body = DocumentResolver(root: policy.compiled.root).resolve(compiled)
        slotCount = slotNames.count
        outputs = topLevel.filter { !$0.key.hasPrefix("_") || $0.key.hasPrefix("__") }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.resultVariable = resultVariable
    }

    /// The names of the variables each solution binds.
    public var variables: [String] { outputs.map(\.0) }

    /// This query with `data` fixed, so that documents independent of the input are computed once for all
    /// evaluations.
    public func binding(data: Value) -> BoundQuery {
        BoundQuery(query: self, data: data)
    }

    /// Evaluates the query, returning every solution.
    public func evaluate(
        input: Value? = nil, data: Value = .emptyObject, environment: EvaluationEnvironment = EvaluationEnvironment()
    ) throws(RegoError) -> QueryResult {
        try evaluate(input: input, data: data, environment: environment, shared: nil)
    }

    /// The value of the result variable (for `prepare(document:)`) or of the only variable.
    public func value(
        input: Value? = nil, data: Value = .emptyObject, environment: EvaluationEnvironment = EvaluationEnvironment()
    ) throws(RegoError) -> Value? {
        try value(input: input, data: data, environment: environment, shared: nil)
    }

    func evaluate(input: Value?, data: Value, environment: EvaluationEnvironment, shared: SharedDocuments?) throws(RegoError)
        -> QueryResult
    {
        var solutions: [[String: Value]] = []
        try run(input: input, data: data, environment: environment, shared: shared) { frame in
            var solution: [String: Value] = [:]
            for (name, slot) in outputs {
                if let v = frame.slots[slot] { solution[name] = v }
            }
            solutions.append(solution)
            return true
        }
        return QueryResult(solutions: solutions)
    }

    func value(input: Value?, data: Value, environment: EvaluationEnvironment, shared: SharedDocuments?) throws(RegoError)
        -> Value?
    {
        let slot = outputs.first { $0.0 == resultVariable }?.1 ?? outputs.first?.1
        var result: Value?
        try run(input: input, data: data, environment: environment, shared: shared) { frame in
            if let slot { result = frame.slots[slot] } else { result = .bool(true) }
            return false
        }
        return result
    }

    private func run(
        input: Value?, data: Value, environment: EvaluationEnvironment, shared: SharedDocuments?, _ each: (Frame) -> Bool
    ) throws(RegoError) {
        let context = BuiltinContext(
            nowNanoseconds: environment.clock.nanosecondsSinceEpoch(), randomness: environment.randomness,
            limits: limits,
            budget: EvaluationBudget(limits: limits, deadline: environment.deadlineOffset))
        // Strict mode turns built-in errors that lenient evaluations leave undefined into failures: its documents
        // are not the ones shared.
        let evaluator = Evaluator(
            policy: policy, input: input, data: data, context: context,
            strictBuiltinErrors: environment.strictBuiltinErrors, shared: environment.strictBuiltinErrors ? nil : shared)
        let frame = Frame(size: slotCount)
        try evaluator.query(body, frame: frame) { () throws(RegoError) -> Bool in each(frame) }
    }
}
