/// What a built-in may consult during one evaluation: the clock, randomness and limits.
public struct BuiltinContext {
    /// Nanoseconds since the Unix epoch, fixed for one evaluation.
    public let nowNanoseconds: Int
    /// The source of randomness.
    public let randomness: any EvaluationRandomness
    /// The bounds in force.
    public let limits: Limits
    /// What the evaluation may still allocate, and the results that must stay the same for all of it.
    let budget: EvaluationBudget

    /// Returns the remembered value for `key`, computing it once per evaluation (`rand.intn`, `uuid.rfc4122`).
    func remembered(_ key: Value, _ make: () -> Value) -> Value {
        if let v = budget.remembered[key] { return v }
        let v = make()
        budget.remembered[key] = v
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
