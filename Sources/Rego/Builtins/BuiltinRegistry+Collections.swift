/// Object, array and set functions: object.*, array.*, union, intersection, json.filter/remove.
extension BuiltinRegistry {
    /// `object.union`: `b` wins; nested objects merge recursively.
    static func merge(_ a: ObjectValue, _ b: ObjectValue) -> ObjectValue {
        var out = a
        for (k, v) in b.pairs {
            if case .object(let x) = out[k] ?? .null, case .object(let y) = v {
                out.set(k, .object(merge(x, y)))
            } else {
                out.set(k, v)
            }
        }
        return out
    }

    /// Whether `sub` is contained in `sup` as `object.subset` defines it.
    static func isSubset(_ sup: Value, _ sub: Value) -> Bool {
        switch (sup, sub) {
        case (.object(let a), .object(let b)):
            return b.pairs.allSatisfy { k, v in a[k].map { isSubset($0, v) } ?? false }
        case (.set(let a), .set(let b)):
            return b.elements.allSatisfy(a.contains)
        case (.array(let a), .array(let b)):
            guard b.count <= a.count else { return false }
            if b.isEmpty { return true }
            return SubstringSearch(b).first(in: a) != nil
        case (.array(let a), .set(let b)):
            return b.elements.allSatisfy(a.contains)
        default:
            return sup == sub
        }
    }

    /// Keys given as a string, array or set of keys.
    private static func keyList(_ a: Operands, _ i: Int) throws(RegoError) -> [Value] {
        switch a[i] {
        case .array(let x): return x
        case .set(let s): return s.elements
        case .object(let o): return o.keys
        default: throw a.typeError(i, "one of {object, set, array}")
        }
    }

    /// Paths for json.filter/json.remove: "a/b" strings or arrays of keys.
    private static func jsonPaths(_ a: Operands, _ i: Int) throws(RegoError) -> [[Value]] {
        var out: [[Value]] = []
        for p in try a.arrayOrSet(i) {
            switch p {
            case .string(let s):
                let trimmed = s.hasPrefix("/") ? String(s.dropFirst()) : s
                out.append(trimmed.isEmpty ? [] : trimmed.split(separator: "/", omittingEmptySubsequences: false).map {
                    .string(String($0).replacingAll("~1", with: "/").replacingAll("~0", with: "~"))
                })
            case .array(let keys):
                out.append(keys)
            default:
                throw .evalType(message: "\(a.name): operand \(i + 1) must be one of {set, array} containing string paths or array of path segments but got \(a[i].typeName) containing \(p.typeName)")
            }
        }
        return out
    }

    private static func filter(_ value: Value, _ paths: [[Value]]) -> Value? {
        if paths.contains(where: \.isEmpty) { return value }
        switch value {
        case .object(let o):
            var out = ObjectValue()
            for (k, v) in o.pairs {
                let sub = paths.filter { $0.first == k }.map { Array($0.dropFirst()) }
                if !sub.isEmpty, let f = filter(v, sub) { out.set(k, f) }
            }
            return .object(out)
        case .array(let items):
            var out: [Value] = []
            for (i, v) in items.enumerated() {
                let sub = paths.filter { $0.first == .int(i) || $0.first == .string(String(i)) }.map { Array($0.dropFirst()) }
                if !sub.isEmpty, let f = filter(v, sub) { out.append(f) }
            }
            return .array(out)
        case .set(let s):
            var out: [Value] = []
            for v in s.elements {
                let sub = paths.filter { $0.first == v }.map { Array($0.dropFirst()) }
                if !sub.isEmpty, let f = filter(v, sub) { out.append(f) }
            }
            return .set(SetValue(out))
        default:
            return nil
        }
    }

    private static func remove(_ value: Value, _ paths: [[Value]]) -> Value? {
        if paths.contains(where: \.isEmpty) { return nil }
        switch value {
        case .object(let o):
            var out = ObjectValue()
            for (k, v) in o.pairs {
                let sub = paths.filter { $0.first == k }.map { Array($0.dropFirst()) }
                if sub.isEmpty {
                    out.set(k, v)
                } else if let r = remove(v, sub) {
                    out.set(k, r)
                }
            }
            return .object(out)
        case .array(let items):
            var out: [Value] = []
            for (i, v) in items.enumerated() {
                let sub = paths.filter { $0.first == .int(i) || $0.first == .string(String(i)) }.map { Array($0.dropFirst()) }
                if sub.isEmpty {
                    out.append(v)
                } else if let r = remove(v, sub) {
                    out.append(r)
                }
            }
            return .array(out)
        case .set(let s):
            var out: [Value] = []
            for v in s.elements {
                let sub = paths.filter { $0.first == v }.map { Array($0.dropFirst()) }
                if sub.isEmpty {
                    out.append(v)
                } else if let r = remove(v, sub) {
                    out.append(r)
                }
            }
            return .set(SetValue(out))
        default:
            return value
        }
    }

    static let collections: [Builtin] = [
        define("object.get", 3) { a, _ in
            let o = try a.object(0)
            if case .array(let path) = a[1] {
                var current = Value.object(o)
                for key in path {
                    guard let next = current.member(key) else { return a[2] }
                    current = next
                }
                return current
            }
            return o[a[1]] ?? a[2]
        },
        define("object.keys", 1) { a, ctx in
            let keys = try a.object(0).keys
            try ctx.reserve(members: keys.count)
            return .set(SetValue(sortedUnique: keys))
        },
        define("object.remove", 2) { a, _ in
            var o = try a.object(0)
            for k in try keyList(a, 1) { o.remove(k) }
            return .object(o)
        },
        define("object.filter", 2) { a, _ in
            let o = try a.object(0)
            let keep = Set(try keyList(a, 1))
            return .object(ObjectValue(o.pairs.filter { keep.contains($0.0) }.map { ($0.0, $0.1) }))
        },
        define("object.union", 2) { a, ctx in
            let (x, y) = (try a.object(0), try a.object(1))
            try ctx.reserve(members: x.count.saturatingSum(y.count))
            return .object(merge(x, y))
        },
        define("object.union_n", 1) { a, ctx in
            var out = ObjectValue()
            for (i, v) in try a.array(0).enumerated() {
                guard case .object(let o) = v else {
                    throw RegoError.evalType(message: "object.union_n: operand 1 must be array of objects but got array containing \(v.typeName) at index \(i)")
                }
                try ctx.reserve(members: out.count.saturatingSum(o.count))
                out = merge(out, o)
            }
            return .object(out)
        },
        define("object.subset", 2) { a, _ in
            switch (a[0], a[1]) {
            case (.object, .object), (.set, .set), (.array, .array), (.array, .set):
                return .bool(isSubset(a[0], a[1]))
            case (.object, _):
                throw a.typeError(1, "object")
            case (.set, _):
                throw a.typeError(1, "set")
            case (.array, _):
                throw a.typeError(1, "one of {array, set}")
            default:
                throw a.typeError(0, "one of {object, set, array}")
            }
        },
        define("json.filter", 2) { a, _ in filter(.object(try a.object(0)), try jsonPaths(a, 1)) },
        define("json.remove", 2) { a, _ in remove(.object(try a.object(0)), try jsonPaths(a, 1)) },
        define("array.concat", 2) { a, ctx in
            let (x, y) = (try a.array(0), try a.array(1))
            try ctx.reserve(members: x.count.saturatingSum(y.count))
            return .array(x + y)
        },
        define("array.reverse", 1) { a, ctx in try ctx.array(try a.array(0).reversed()) },
        define("array.slice", 3) { a, _ in
            let items = try a.array(0)
            var start = try integer(a, 1)
            var stop = try integer(a, 2)
            start = max(0, start)
            stop = min(items.count, stop)
            guard start < stop else { return .array([]) }
            return .array(Array(items[start..<stop]))
        },
        define("and", 2) { a, _ in .set(try a.set(0).intersection(try a.set(1))) },
        define("or", 2) { a, ctx in
            let (x, y) = (try a.set(0), try a.set(1))
            try ctx.reserve(members: x.count.saturatingSum(y.count))
            return .set(x.union(y))
        },
        define("union", 1) { a, ctx in
            var out = SetValue()
            for v in try a.set(0).elements {
                guard case .set(let s) = v else { throw a.typeError(0, "set of sets") }
                try ctx.reserve(members: out.count.saturatingSum(s.count))
                out = out.union(s)
            }
            return .set(out)
        },
        define("intersection", 1) { a, _ in
            let sets = try a.set(0).elements
            guard var out = sets.first?.setValue else { return .set(SetValue()) }
            for v in sets.dropFirst() {
                guard case .set(let s) = v else { throw a.typeError(0, "set of sets") }
                out = out.intersection(s)
            }
            return .set(out)
        },
    ]
}

extension String {
    /// Every occurrence of `target` replaced (byte-wise).
    func replacingAll(_ target: String, with replacement: String) -> String {
        utf8ReplacingAll(target, with: replacement)
    }
}
