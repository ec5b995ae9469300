/// Aggregates over collections: count, sum, product, max, min, sort, all, any.
extension BuiltinRegistry {
    private static func numbers(_ a: Operands) throws(RegoError) -> [Number] {
        var out: [Number] = []
        for v in try a.arrayOrSet(0) {
            guard case .number(let n) = v else {
                throw .evalType(message: "\(a.name): operand 1 must be one of {set, array} containing numbers but got \(a[0].typeName) containing \(v.typeName)")
            }
            out.append(n)
        }
        return out
    }

    static let aggregates: [Builtin] = [
        define("count", 1) { a, _ in
            switch a[0] {
            case .array(let x): .int(x.count)
            case .object(let o): .int(o.count)
            case .set(let s): .int(s.count)
            case .string(let s): .int(s.unicodeScalars.count)
            default: throw a.typeError(0, "one of {array, object, set, string}")
            }
        },
        define("sum", 1) { a, _ in
            var total = Number(0)
            for n in try numbers(a) {
                do { total = try Number.add(total, n) } catch { throw a.failure("number too large") }
            }
            return .number(total)
        },
        define("product", 1) { a, _ in
            var total = Number(1)
            for n in try numbers(a) {
                do { total = try Number.multiply(total, n) } catch { throw a.failure("number too large") }
            }
            return .number(total)
        },
        define("max", 1) { a, _ in try a.arrayOrSet(0).max() },
        define("min", 1) { a, _ in try a.arrayOrSet(0).min() },
        define("sort", 1) { a, _ in .array(try a.arrayOrSet(0).sorted()) },
        define("all", 1) { a, _ in .bool(try a.arrayOrSet(0).allSatisfy { $0 == .bool(true) }) },
        define("any", 1) { a, _ in .bool(try a.arrayOrSet(0).contains(.bool(true))) },
    ]
}
