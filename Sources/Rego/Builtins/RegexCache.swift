import Synchronization

/// Compiled regular expressions shared by every evaluation, keyed by pattern: a policy's patterns compile once,
/// not once per call. Bounded in entries (the oldest goes first), so patterns taken from input cannot grow it; each
/// entry is bounded by `RegularExpression.maxMemory`.
enum RegexCache {
    /// The most compiled patterns kept.
    static let capacity = 64

    private struct Entries {
        var byPattern: [String: RegularExpression] = [:]
        /// Patterns in insertion order, oldest first.
        var order: [String] = []
    }

    private static let entries = Mutex(Entries())

    /// The compiled form of `pattern`, compiling it on first use. Patterns that do not compile are not kept.
    static func expression(_ pattern: String) throws(RegularExpression.SyntaxError) -> RegularExpression {
        if let known = entries.withLock({ $0.byPattern[pattern] }) { return known }
        let compiled = try RegularExpression(pattern)
        entries.withLock { cache in
            guard cache.byPattern[pattern] == nil else { return }
            if cache.order.count >= capacity {
                cache.byPattern[cache.order.removeFirst()] = nil
            }
            cache.byPattern[pattern] = compiled
            cache.order.append(pattern)
        }
        return compiled
    }
}
