#if canImport(Glibc)
import Glibc
#endif
/// OPA's total order over values: null < boolean < number < string < array < object < set.
extension Value: Comparable {
    private var typeRank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .number: 2
        case .string: 3
        case .array: 4
        case .object: 5
        case .set: 6
        }
    }

    /// Three-way comparison in OPA's order: negative, zero or positive.
    static func compare(_ lhs: Value, _ rhs: Value) -> Int {
        switch (lhs, rhs) {
        case (.null, .null):
            return 0
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        case (.number(let a), .number(let b)):
            return Number.compare(a, b)
        case (.string(let a), .string(let b)):
            return compareStrings(a, b)
        case (.array(let a), .array(let b)):
            return compareSequences(a, b)
        case (.object(let a), .object(let b)):
            for i in 0..<min(a.count, b.count) {
                let k = compare(a.keys[i], b.keys[i])
                if k != 0 { return k }
                let v = compare(a.values[i], b.values[i])
                if v != 0 { return v }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        case (.set(let a), .set(let b)):
            return compareSequences(a.elements, b.elements)
        default:
            return lhs.typeRank < rhs.typeRank ? -1 : 1
        }
    }

    /// Compares strings by their UTF-8 bytes, as Go does.
    static func compareStrings(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let px = x.baseAddress, let py = y.baseAddress {
                    let c = memcmp(px, py, common)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
    }

    private static func compareSequences(_ a: [Value], _ b: [Value]) -> Int {
        for i in 0..<min(a.count, b.count) {
            let c = compare(a[i], b[i])
            if c != 0 { return c }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    public static func < (lhs: Value, rhs: Value) -> Bool { compare(lhs, rhs) < 0 }

    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a.utf8.count == b.utf8.count && compareStrings(a, b) == 0
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        case (.set(let a), .set(let b)): a == b
        default: false
        }
    }
}
