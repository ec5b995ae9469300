import BigInt

/// bits.* on arbitrary-size integers (two's complement semantics, as Go's big.Int).
extension BuiltinRegistry {
    private static func bigInt(_ a: Operands, _ i: Int) throws(RegoError) -> BigInt {
        guard let v = try a.number(i).bigIntValue else { throw a.integerError(i) }
        return v
    }

    private static func shift(_ a: Operands, left: Bool) throws(RegoError) -> Value {
        let x = try bigInt(a, 0)
        let n = try bigInt(a, 1)
        guard n >= 0 else { throw RegoError.evalType(message: "\(a.name): operand 2 must be an unsigned integer number but got a negative integer") }
        guard let count = Int(exactly: n), count <= Number.maxBits else { throw a.failure("shift count too large") }
        return .number(Number(left ? x << count : x >> count))
    }

    static let bits: [Builtin] = [
        define("bits.and", 2) { a, _ in .number(Number(try bigInt(a, 0) & bigInt(a, 1))) },
        define("bits.or", 2) { a, _ in .number(Number(try bigInt(a, 0) | bigInt(a, 1))) },
        define("bits.xor", 2) { a, _ in .number(Number(try bigInt(a, 0) ^ bigInt(a, 1))) },
        define("bits.negate", 1) { a, _ in .number(Number(~(try bigInt(a, 0)))) },
        define("bits.lsh", 2) { a, _ in try shift(a, left: true) },
        define("bits.rsh", 2) { a, _ in try shift(a, left: false) },
    ]
}
