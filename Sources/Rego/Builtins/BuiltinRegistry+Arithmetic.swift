/// Arithmetic on exact numbers and the `numbers.*` functions.
extension BuiltinRegistry {
    static func arithmetic(_ a: Operands, _ op: (Number, Number) throws(Number.ArithmeticFailure) -> Number) throws(RegoError) -> Value {
        let x = try a.number(0)
        let y = try a.number(1)
        do {
            return .number(try op(x, y))
        } catch {
            switch error {
            case .divideByZero: throw a.failure("divide by zero")
            case .moduloByZero: throw a.failure("modulo by zero")
            case .moduloOnFloat: throw a.failure("modulo on floating-point number")
            case .tooLarge: throw a.failure("number too large")
            }
        }
    }

    static let arithmetic: [Builtin] = [
        define("plus", 2) { a, _ in try arithmetic(a, Number.add) },
        define("minus", 2) { a, _ in
            if case .set(let x) = a[0] {
                guard case .set(let y) = a[1] else { throw a.typeError(1, "set") }
                return .set(x.subtracting(y))
            }
            guard case .number = a[0] else { throw a.typeError(0, "one of {number, set}") }
            guard case .number = a[1] else { throw a.typeError(1, "number") }
            return try arithmetic(a, Number.subtract)
        },
        define("mul", 2) { a, _ in try arithmetic(a, Number.multiply) },
        define("div", 2) { a, _ in try arithmetic(a, Number.divide) },
        define("rem", 2) { a, _ in try arithmetic(a, Number.remainder) },
        define("abs", 1) { a, _ in .number(try a.number(0).magnitude) },
        define("round", 1) { a, _ in .number(try a.number(0).roundedToInteger) },
        define("ceil", 1) { a, _ in .number(try a.number(0).ceiling) },
        define("floor", 1) { a, _ in .number(try a.number(0).floor) },
        define("numbers.range", 2) { a, ctx in try range(a, ctx, step: 1) },
        define("numbers.range_step", 3) { a, ctx in
            let step = try a.number(2)
            guard step.isInteger else { throw a.integerError(2) }
            guard step.signum > 0 else { throw a.failure("step must be a positive integer") }
            return try range(a, ctx, step: step.intValue ?? Int.max)
        },
    ]

    /// The integers from operand 1 to operand 2 (inclusive, either direction) by `step`, counted and reserved
    /// before they are built.
    private static func range(_ a: Operands, _ context: BuiltinContext, step: Int) throws(RegoError) -> Value {
        let from = try integer(a, 0)
        let to = try integer(a, 1)
        // Both ends are within ±Int.max / 2 (`integer`), so their distance fits an Int.
        let count = (from <= to ? to - from : from - to) / step + 1
        try context.reserve(members: count)
        var items: [Value] = []
        items.reserveCapacity(count)
        let delta = from <= to ? step : -step
        for i in 0..<count {
            items.append(.int(from + i * delta))
        }
        return .array(items)
    }

    /// An integral operand (OPA: "operand N must be integer number but got floating-point number").
    static func integer(_ a: Operands, _ i: Int) throws(RegoError) -> Int {
        let n = try a.number(i)
        guard n.isInteger else { throw a.integerError(i) }
        guard let v = n.intValue, abs(v) < Int.max / 2 else { throw a.failure("operand \(i + 1) is out of range") }
        return v
    }
}
