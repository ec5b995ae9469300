/// A result string built piece by piece: each piece is checked against `Limits.maxOutputSize` and the evaluation's
/// allocation budget before it is appended, so that no input can make a built-in allocate past the bounds.
struct BoundedOutput {
    private(set) var bytes: [UInt8] = []
    private let budget: EvaluationBudget

    init(_ context: BuiltinContext) {
        budget = context.budget
    }

    init(_ budget: EvaluationBudget) {
        self.budget = budget
    }

    /// Appends UTF-8 bytes. Appending is also the unit of work of the built-ins that build this way, for the time
    /// checks.
    mutating func append(_ piece: some Collection<UInt8>) throws(RegoError) {
        try budget.tick()
        try budget.grow(bytes: bytes.count, by: piece.count)
        bytes.append(contentsOf: piece)
    }

    /// Appends a string.
    mutating func append(_ piece: String) throws(RegoError) {
        try append(piece.utf8)
    }

    /// Fails before `value` is written as text when that text would certainly not fit.
    func checkText(of value: Value) throws(RegoError) {
        try budget.checkText(of: value, after: bytes.count)
    }

    /// The text built so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
