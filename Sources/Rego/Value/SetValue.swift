/// An immutable Rego set: unique members kept sorted in OPA's value order.
public struct SetValue: Sendable, Hashable {
    /// The members, sorted and unique.
    public private(set) var elements: [Value]

    /// Creates an empty set.
    public init() { elements = [] }

    /// Creates a set from any values, dropping duplicates.
    public init<S: Sequence>(_ values: S) where S.Element == Value {
        // Sorting then dropping adjacent duplicates costs less than hashing every member of a typical set.
        var sorted = Array(values)
        if !sorted.indices.dropFirst().allSatisfy({ Value.compare(sorted[$0 - 1], sorted[$0]) < 0 }) {
            sorted.sort { Value.compare($0, $1) < 0 }
        }
        var unique: [Value] = []
        unique.reserveCapacity(sorted.count)
        for value in sorted where unique.last.map({ Value.compare($0, value) != 0 }) ?? true { unique.append(value) }
        elements = unique
    }

    init(sortedUnique: [Value]) { elements = sortedUnique }

    /// The number of members.
    public var count: Int { elements.count }

    /// Whether the set has no members.
    public var isEmpty: Bool { elements.isEmpty }

    private func index(of value: Value) -> (found: Bool, index: Int) {
        var low = 0
        var high = elements.count
        while low < high {
            let mid = (low + high) / 2
            let c = Value.compare(elements[mid], value)
            if c == 0 { return (true, mid) }
            if c < 0 { low = mid + 1 } else { high = mid }
        }
        return (false, low)
    }

    /// Whether `value` is a member.
    public func contains(_ value: Value) -> Bool { index(of: value).found }

    /// Adds `value` if it is not yet a member.
    public mutating func insert(_ value: Value) {
        let (found, i) = index(of: value)
        if !found { elements.insert(value, at: i) }
    }

    /// The members of either set.
    public func union(_ other: SetValue) -> SetValue {
        var merged: [Value] = []
        merged.reserveCapacity(count + other.count)
        var i = 0
        var j = 0
        let a = elements
        let b = other.elements
        while i < a.count, j < b.count {
            let c = Value.compare(a[i], b[j])
            if c == 0 {
                merged.append(a[i])
                i += 1
                j += 1
            } else if c < 0 {
                merged.append(a[i])
                i += 1
            } else {
                merged.append(b[j])
                j += 1
            }
        }
        merged.append(contentsOf: a[i...])
        merged.append(contentsOf: b[j...])
        return SetValue(sortedUnique: merged)
    }

    /// The members of both sets.
    public func intersection(_ other: SetValue) -> SetValue {
        SetValue(sortedUnique: elements.filter { other.contains($0) })
    }

    /// The members of this set that are not in `other`.
    public func subtracting(_ other: SetValue) -> SetValue {
        SetValue(sortedUnique: elements.filter { !other.contains($0) })
    }
}
