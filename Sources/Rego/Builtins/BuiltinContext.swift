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
}
