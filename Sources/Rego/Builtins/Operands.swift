/// Typed access to a built-in's arguments, producing OPA's operand type errors.
struct Operands {
    let name: String
    let values: [Value]

    subscript(_ i: Int) -> Value { values[i] }

    /// An `eval_type_error` for operand `i` (0-based) that should have been `expected`.
    func typeError(_ i: Int, _ expected: String) -> RegoError {
        .evalType(message: "\(name): operand \(i + 1) must be \(expected) but got \(values[i].typeName)")
    }

    /// An `eval_builtin_error` with this built-in's name.
    func failure(_ message: String) -> RegoError {
        .builtin(name: name, message: message, location: nil)
    }

    func string(_ i: Int) throws(RegoError) -> String {
        guard case .string(let s) = values[i] else { throw typeError(i, "string") }
        return s
    }

    func number(_ i: Int) throws(RegoError) -> Number {
        guard case .number(let n) = values[i] else { throw typeError(i, "number") }
        return n
    }

    /// An integral number that fits a Swift `Int`.
    func int(_ i: Int) throws(RegoError) -> Int {
        let n = try number(i)
        guard let v = n.intValue else { throw integerError(i) }
        return v
    }

    /// OPA's type error for a floating-point number where an integer is needed.
    func integerError(_ i: Int) -> RegoError {
        .evalType(message: "\(name): operand \(i + 1) must be integer number but got floating-point number")
    }

    func bool(_ i: Int) throws(RegoError) -> Bool {
        guard case .bool(let b) = values[i] else { throw typeError(i, "boolean") }
        return b
    }

    func array(_ i: Int) throws(RegoError) -> [Value] {
        guard case .array(let a) = values[i] else { throw typeError(i, "array") }
        return a
    }

    func object(_ i: Int) throws(RegoError) -> ObjectValue {
        guard case .object(let o) = values[i] else { throw typeError(i, "object") }
        return o
    }

    func set(_ i: Int) throws(RegoError) -> SetValue {
        guard case .set(let s) = values[i] else { throw typeError(i, "set") }
        return s
    }

    /// The members of an array or set.
    func arrayOrSet(_ i: Int) throws(RegoError) -> [Value] {
        switch values[i] {
        case .array(let a): return a
        case .set(let s): return s.elements
        default: throw typeError(i, "one of {array, set}")
        }
    }

    /// Strings from an array or set of strings.
    func strings(_ i: Int) throws(RegoError) -> [String] {
        var out: [String] = []
        for v in try arrayOrSet(i) {
            guard case .string(let s) = v else {
                throw .evalType(message: "\(name): operand \(i + 1) must be one of {set, array} containing strings but got \(values[i].typeName) containing \(v.typeName)")
            }
            out.append(s)
        }
        return out
    }
}
