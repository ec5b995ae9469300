/// json.patch: RFC 6902 operations (add, remove, replace, move, copy, test) applied in order, extended as OPA does
/// to sets (a segment names a member) and to paths given as arrays of segments. A patch that cannot apply (a
/// missing target, a bad array index, a failed test, an unknown op) makes the result undefined.
extension BuiltinRegistry {
    /// A JSON pointer as segments: `""` is the whole document, a leading `/` is optional, `~1` is `/` and `~0` is `~`;
    /// an array of values is taken as the segments themselves.
    private static func patchPath(_ pointer: Value?) -> [Value]? {
        switch pointer {
        case .string(let s)?:
            if s.isEmpty { return [] }
            let body = s.hasPrefix("/") ? s.dropFirst() : Substring(s)
            return body.split(separator: "/", omittingEmptySubsequences: false).map {
                .string(String($0).replacingAll("~1", with: "/").replacingAll("~0", with: "~"))
            }
        case .array(let segments)?:
            return segments
        default:
            return nil
        }
    }

    /// The array index a segment names: decimal digits without leading zeros (or `-`, one past the end, when
    /// `end` allows it), below `count` (or equal to it when `end`).
    private static func patchIndex(_ segment: Value, _ count: Int, end: Bool) -> Int? {
        let index: Int
        switch segment {
        case .string("-") where end:
            return count
        case .string(let s):
            guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), s == "0" || !s.hasPrefix("0"), let i = Int(s) else {
                return nil
            }
            index = i
        case .number(let n):
            guard let i = n.intValue else { return nil }
            index = i
        default:
            return nil
        }
        return index >= 0 && (index < count || (end && index == count)) ? index : nil
    }

    /// The value at `path`, if there is one.
    private static func patchGet(_ doc: Value, _ path: ArraySlice<Value>) -> Value? {
        guard let first = path.first else { return doc }
        let child: Value?
        switch doc {
        case .object(let o): child = o[first]
        case .array(let items): child = patchIndex(first, items.count, end: false).map { items[$0] }
        case .set(let s): child = s.contains(first) ? first : nil
        default: child = nil
        }
        return child.flatMap { patchGet($0, path.dropFirst()) }
    }

    /// `doc` with the container holding the last segment of `path` replaced by `leaf(container, last segment)`.
    private static func patchModify(
        _ doc: Value, _ path: ArraySlice<Value>, _ leaf: (Value, Value) -> Value?
    ) -> Value? {
        guard let first = path.first else { return nil }
        if path.count == 1 { return leaf(doc, first) }
        let rest = path.dropFirst()
        switch doc {
        case .object(var o):
            guard let child = o[first], let updated = patchModify(child, rest, leaf) else { return nil }
            o.set(first, updated)
            return .object(o)
        case .array(var items):
            guard let i = patchIndex(first, items.count, end: false), let updated = patchModify(items[i], rest, leaf) else {
                return nil
            }
            items[i] = updated
            return .array(items)
        case .set(let s):
            guard s.contains(first), let updated = patchModify(first, rest, leaf) else { return nil }
            var out = s.subtracting(SetValue([first]))
            out.insert(updated)
            return .set(out)
        default:
            return nil
        }
    }

    private static func patchAdd(_ doc: Value, _ path: [Value], _ value: Value) -> Value? {
        guard !path.isEmpty else { return value }
        return patchModify(doc, path[...]) { container, segment in
            switch container {
            case .object(var o):
                o.set(segment, value)
                return .object(o)
            case .array(var items):
                guard let i = patchIndex(segment, items.count, end: true) else { return nil }
                items.insert(value, at: i)
                return .array(items)
            case .set(var s):
                guard segment == value else { return nil }
                s.insert(value)
                return .set(s)
            default:
                return nil
            }
        }
    }

    private static func patchRemove(_ doc: Value, _ path: [Value]) -> Value? {
        patchModify(doc, path[...]) { container, segment in
            switch container {
            case .object(var o):
                guard o[segment] != nil else { return nil }
                o.remove(segment)
                return .object(o)
            case .array(var items):
                guard let i = patchIndex(segment, items.count, end: false) else { return nil }
                items.remove(at: i)
                return .array(items)
            case .set(let s):
                guard s.contains(segment) else { return nil }
                return .set(s.subtracting(SetValue([segment])))
            default:
                return nil
            }
        }
    }

    /// Applies one operation, or returns nil when it does not apply.
    private static func applyPatch(_ doc: Value, _ operation: Value) -> Value? {
        guard case .object(let op) = operation, case .string(let name)? = op["op"], let path = patchPath(op["path"]) else {
            return nil
        }
        switch name {
        case "add":
            return op["value"].flatMap { patchAdd(doc, path, $0) }
        case "remove":
            return patchRemove(doc, path)
        case "replace":
            guard let value = op["value"], patchGet(doc, path[...]) != nil else { return nil }
            guard !path.isEmpty else { return value }
            return patchRemove(doc, path).flatMap { patchAdd($0, path, value) }
        case "move":
            guard let from = patchPath(op["from"]), let value = patchGet(doc, from[...]) else { return nil }
            if from == path { return doc }
            guard !path.starts(with: from) else { return nil }
            return patchRemove(doc, from).flatMap { patchAdd($0, path, value) }
        case "copy":
            guard let from = patchPath(op["from"]), let value = patchGet(doc, from[...]) else { return nil }
            return patchAdd(doc, path, value)
        case "test":
            guard let value = op["value"], patchGet(doc, path[...]) == value else { return nil }
            return doc
        default:
            return nil
        }
    }

    static let jsonPatch: [Builtin] = [
        define("json.patch", 2) { a, ctx in
            var doc = a[0]
            for operation in try a.array(1) {
                try ctx.budget.tick()
                try ctx.budget.charge(members: 1)
                guard let next = applyPatch(doc, operation) else { return nil }
                doc = next
            }
            return doc
        },
    ]
}
