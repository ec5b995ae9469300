/// Continues evaluation after an expression succeeds; returns false to stop searching.
typealias Continuation = () throws(RegoError) -> Bool
/// Receives each value a term can take; returns false to stop searching.
typealias ValueContinuation = (Value) throws(RegoError) -> Bool

/// Top-down evaluation with backtracking over one query: holds the documents, the cache of
/// rule results and the counters that enforce the limits.
final class Evaluator {
    let policy: CompiledPolicy
    let context: BuiltinContext
    let strictBuiltinErrors: Bool
    let limits: Limits

    /// The documents and replacements currently in force (`with` changes them).
    struct State {
        var input: Value?
        var data: Value
        var dataOverrides: [[String]: Value] = [:]
        var mocks: [String: FunctionMock] = [:]
        var cache = DocumentCache()
    }

    var state: State
    /// Ground documents shared with other evaluations of the same bound query, if any.
    let shared: SharedDocuments?
    private var steps = 0
    private var depth = 0
    /// Evaluation stops before the stack pointer goes below this address.
    private let stackFloor = StackGuard.floor()

    init(
        policy: CompiledPolicy, input: Value?, data: Value, context: BuiltinContext, strictBuiltinErrors: Bool,
        shared: SharedDocuments? = nil
    ) {
        self.policy = policy
        self.context = context
        self.strictBuiltinErrors = strictBuiltinErrors
        self.shared = shared
        limits = context.limits
        state = State(input: input, data: data, cache: DocumentCache(count: policy.nodes.count))
    }

    /// Counts one evaluation step; every 16th step checks the remaining budget.
    @inline(__always)
    func step(_ location: SourceLocation?) throws(RegoError) {
        steps &+= 1
        if steps & 15 == 0 { try checkpoint(location) }
    }

    /// The periodic checks: steps, native stack and, every 1024 steps, time and cancellation.
    @inline(never)
    private func checkpoint(_ location: SourceLocation?) throws(RegoError) {
        if steps > limits.maxEvaluationSteps {
            throw .limitExceeded(limit: "maxEvaluationSteps", bound: limits.maxEvaluationSteps, location: location)
        }
        if StackGuard.currentAddress() < stackFloor {
            throw .limitExceeded(limit: "maxCallDepth", bound: depth, location: location)
        }
        if steps & 1023 == 0 { try context.budget.checkTime(location) }
    }

    /// Runs `body` one call level deeper, failing beyond the depth bound.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func nested<T>(_ location: SourceLocation?, _ body: () throws(RegoError) -> T) throws(RegoError) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > limits.maxCallDepth || StackGuard.currentAddress() < stackFloor {
            throw .limitExceeded(limit: "maxCallDepth", bound: min(depth, limits.maxCallDepth), location: location)
        }
        return try body()
    }

    /// Counts the members of a collection term just built (array, set or object literal).
    func built(members count: Int, _ location: SourceLocation?) throws(RegoError) {
        do { try context.budget.charge(members: count) } catch { throw error.located(at: location) }
    }

    /// Counts one member added to a collection under construction that now has `count` members: fails past the
    /// output bound or the allocation budget.
    func grow(to count: Int, _ location: SourceLocation?) throws(RegoError) {
        do {
            try context.budget.grow(members: count - 1)
        } catch {
            throw error.located(at: location)
        }
    }

    /// Evaluates a query body, calling `k` with the frame for each solution.
    @_semantics("optimize.sil.specialize.generic.never")
    @inline(never)
    func query<F: Frame>(_ body: [Expr], frame: F, _ k: Continuation) throws(RegoError) {
        _ = try evalBody(body, 0, frame, k)
    }
}
