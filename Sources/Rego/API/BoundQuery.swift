/// A prepared query with its `data` document fixed, for evaluating many inputs against the same policy and data.
///
/// Rule documents that depend on neither `input` nor the clock or randomness (constant tables, lookups into `data`)
/// are computed by the first evaluation that needs them and reused by every later one; the results are those of
/// ``PreparedQuery`` with the same data. Safe to evaluate from many threads at once.
public struct BoundQuery: Sendable {
    /// The query.
    public let query: PreparedQuery
    /// The `data` document every evaluation sees.
    public let data: Value
    let shared: SharedDocuments

    init(query: PreparedQuery, data: Value) {
        self.query = query
        self.data = data
        shared = SharedDocuments(count: query.policy.groundDocuments.count)
    }

    /// Evaluates the query with `input`, returning every solution.
    public func evaluate(input: Value? = nil, environment: EvaluationEnvironment = EvaluationEnvironment()) throws(RegoError)
        -> QueryResult
    {
        try query.evaluate(input: input, data: data, environment: environment, shared: shared)
    }

    /// The value of the result variable (for `prepare(document:)`) or of the only variable.
    public func value(input: Value? = nil, environment: EvaluationEnvironment = EvaluationEnvironment()) throws(RegoError)
        -> Value?
    {
        try query.value(input: input, data: data, environment: environment, shared: shared)
    }
}
