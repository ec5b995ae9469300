/// Comparison operators and membership (`==`, `<`, `in`, …).
extension BuiltinRegistry {
    static let comparison: [Builtin] = [
        define("equal", 2) { a, _ in .bool(a[0] == a[1]) },
        define("neq", 2) { a, _ in .bool(a[0] != a[1]) },
        define("lt", 2) { a, _ in .bool(Value.compare(a[0], a[1]) < 0) },
        define("lte", 2) { a, _ in .bool(Value.compare(a[0], a[1]) <= 0) },
        define("gt", 2) { a, _ in .bool(Value.compare(a[0], a[1]) > 0) },
        define("gte", 2) { a, _ in .bool(Value.compare(a[0], a[1]) >= 0) },
        define("internal.member_2", 2) { a, _ in
            switch a[1] {
            case .array(let items): .bool(items.contains(a[0]))
            case .set(let s): .bool(s.contains(a[0]))
            case .object(let o): .bool(o.values.contains(a[0]))
            default: .bool(false)
            }
        },
        define("internal.member_3", 3) { a, _ in
            guard let v = a[2].member(a[0]) else { return .bool(false) }
            return .bool(v == a[1])
        },
    ]
}
