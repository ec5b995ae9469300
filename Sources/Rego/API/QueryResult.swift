/// The solutions of a query: one binding of the query's variables per solution.
public struct QueryResult: Sendable, Hashable {
    /// Each solution maps the query's variable names to their values.
    public var solutions: [[String: Value]]

    /// Whether the query had no solution (OPA's "undefined").
    public var isUndefined: Bool { solutions.isEmpty }
}
