/// Type predicates, `type_name` and conversions (`to_number`, `cast_*`).
extension BuiltinRegistry {
    static let types: [Builtin] = [
        define("is_number", 1) { a, _ in .bool(a[0].numberValue != nil) },
        define("is_string", 1) { a, _ in .bool(a[0].stringValue != nil) },
        define("is_boolean", 1) { a, _ in
            if case .bool = a[0] { return .bool(true) }
            return .bool(false)
        },
        define("is_array", 1) { a, _ in .bool(a[0].arrayValue != nil) },
        define("is_set", 1) { a, _ in .bool(a[0].setValue != nil) },
        define("is_object", 1) { a, _ in .bool(a[0].objectValue != nil) },
        define("is_null", 1) { a, _ in .bool(a[0] == .null) },
        define("type_name", 1) { a, _ in .string(a[0].typeName) },
        define("to_number", 1) { a, _ in
            switch a[0] {
            case .null: return .int(0)
            case .bool(let b): return .int(b ? 1 : 0)
            case .number: return a[0]
            case .string(let s):
                if let n = Number(parsing: s) { return .number(n) }
                let lower = s.lowercased()
                if ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "-nan", "+nan"].contains(lower) {
                    throw RegoError.evalType(message: "to_number: operand 1 must be a finite number but got \(s)")
                }
                throw a.failure("strconv.ParseFloat: parsing \"\(s)\": invalid syntax")
            default:
                throw a.typeError(0, "one of {boolean, null, number, string}")
            }
        },
        define("cast_array", 1) { a, _ in
            switch a[0] {
            case .array: return a[0]
            case .set(let s): return .array(s.elements)
            default: throw a.typeError(0, "one of {array, set}")
            }
        },
        define("cast_set", 1) { a, _ in
            switch a[0] {
            case .array(let x): return .set(SetValue(x))
            case .set: return a[0]
            default: throw a.typeError(0, "one of {array, set}")
            }
        },
        define("cast_string", 1) { a, _ in
            guard case .string = a[0] else { throw a.typeError(0, "string") }
            return a[0]
        },
        define("cast_boolean", 1) { a, _ in
            guard case .bool = a[0] else { throw a.typeError(0, "boolean") }
            return a[0]
        },
        define("cast_null", 1) { a, _ in
            guard case .null = a[0] else { throw a.typeError(0, "null") }
            return a[0]
        },
        define("cast_object", 1) { a, _ in
            guard case .object = a[0] else { throw a.typeError(0, "object") }
            return a[0]
        },
    ]
}
