/// Why JSON text could not be read, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    /// The byte offset at which reading stopped.
    public var offset: Int
    /// What was wrong, in words (`expected ':'`, `unterminated string`).
    public var reason: String
    /// True when the text nests arrays and objects deeper than the reader's bound (the text may be well formed).
    public var exceedsNestingLimit: Bool

    /// Creates an error.
    public init(offset: Int, reason: String, exceedsNestingLimit: Bool = false) {
        self.offset = offset
        self.reason = reason
        self.exceedsNestingLimit = exceedsNestingLimit
    }
}
