/// A compiled set of Rego modules: immutable, `Sendable`, and safe to evaluate from many
/// threads at once.
public struct Policy: Sendable {
    let compiled: CompiledPolicy
    let compiler: CompilerSnapshot
    /// The options the policy was compiled with.
    public let options: CompileOptions

    /// Parses and compiles `modules`, running OPA's compile-time checks.
    public init(modules: [RegoModule], options: CompileOptions = CompileOptions()) throws(RegoError) {
        var parsed: [Module] = []
        for m in modules {
            var parser = try Parser(source: m.source, file: m.fileName, version: options.version, limits: options.limits)
            parsed.append(try parser.parseModule())
        }
        if options.strict { try StrictChecker.check(parsed) }
        var compiler = Compiler(builtins: options.builtins.builtins)
        try compiler.compile(parsed)
        self.options = options
        compiled = CompiledPolicy(root: compiler.root, functions: compiler.functions, builtins: options.builtins.builtins)
        self.compiler = CompilerSnapshot(compiler: compiler)
    }

    /// Compiles a query such as `data.authz.allow == true` or `x := data.p[_]` once, for
    /// repeated evaluation.
    public func prepare(query: String) throws(RegoError) -> PreparedQuery {
        var parser = try Parser(source: query, file: "query", version: options.version, limits: options.limits)
        let body = try parser.parseQuery()
        return try PreparedQuery(policy: self, body: body, resultVariable: nil)
    }

    /// Prepares the evaluation of one document, e.g. `data.authz.allow`.
    public func prepare(document path: String) throws(RegoError) -> PreparedQuery {
        var parser = try Parser(source: path, file: "query", version: options.version, limits: options.limits)
        let body = try parser.parseQuery()
        guard body.count == 1, case .term(let term) = body[0].kind, !body[0].negated, body[0].withs.isEmpty else {
            throw .parse(message: "expected a reference such as data.pkg.rule", location: SourceLocation(file: "query", line: 1, column: 1))
        }
        let result = PreparedQuery.resultVariable
        let expr = Expr(kind: .unify(Term(.variable(result), term.location), term), location: term.location)
        return try PreparedQuery(policy: self, body: [expr], resultVariable: result)
    }

    /// Evaluates a query once (compiling it each time; prefer `prepare` in hot paths).
    public func evaluate(
        query: String, input: Value? = nil, data: Value = .emptyObject,
        environment: EvaluationEnvironment = EvaluationEnvironment()
    ) throws(RegoError) -> QueryResult {
        try prepare(query: query).evaluate(input: input, data: data, environment: environment)
    }

    /// Evaluates one document such as `data.authz.allow`; nil when it is undefined.
    public func evaluate(
        document path: String, input: Value? = nil, data: Value = .emptyObject,
        environment: EvaluationEnvironment = EvaluationEnvironment()
    ) throws(RegoError) -> Value? {
        try prepare(document: path).value(input: input, data: data, environment: environment)
    }
}

/// The parts of the compiler a query needs after the policy is built.
struct CompilerSnapshot: Sendable {
    let builtins: [String: Builtin]
    let root: RuleNode
    let functions: [[String]: FunctionGroup]

    init(compiler: Compiler) {
        builtins = compiler.builtins
        root = compiler.root
        functions = compiler.functions
    }
}
