/// What a built-in may consult during one evaluation: the clock, randomness and limits.
public struct BuiltinContext {
    /// Nanoseconds since the Unix epoch, fixed for one evaluation.
    public let nowNanoseconds: Int
    /// The source of randomness.
    public let randomness: any RandomSource
    /// The bounds in force.
    public let limits: Limits
    /// Results that must stay the same for the whole evaluation (`rand.intn`, `uuid.rfc4122`).
    let memo: Memo
    /// What the evaluation may still allocate.
    let budget: EvaluationBudget

    /// Per-evaluation memory for built-ins whose results must be stable within a query.
    final class Memo {
        var values: [Value: Value] = [:]
    }

    /// Returns the remembered value for `key`, computing it once.
    func remembered(_ key: Value, _ make: () -> Value) -> Value {
        if let v = memo.values[key] { return v }
        let v = make()
        memo.values[key] = v
        return v
    }

    /// Reserves room for a result string of `count` UTF-8 bytes before building it: fails with `eval_limit_error`
    /// when it exceeds `Limits.maxOutputSize` or the evaluation's allocation budget.
    func reserve(bytes count: Int) throws(RegoError) {
        try budget.reserve(bytes: count)
    }

    /// Reserves room for a result collection of `count` members before building it.
    func reserve(members count: Int) throws(RegoError) {
        try budget.reserve(members: count)
    }

    /// A string result no larger than a small multiple of the operands (so it could be built first), counted.
    func string(_ s: String) throws(RegoError) -> Value {
        try reserve(bytes: s.utf8.count)
        return .string(s)
    }

    /// An array result no larger than a small multiple of the operands, counted.
    func array(_ items: [Value]) throws(RegoError) -> Value {
        try reserve(members: items.count)
        return .array(items)
    }
}
