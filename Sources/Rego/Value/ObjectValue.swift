/// An immutable Rego object: key/value pairs kept sorted by key in OPA's value order.
public struct ObjectValue: Sendable, Hashable {
    /// The keys, sorted and unique.
    public private(set) var keys: [Value]
    /// The values, parallel to `keys`.
    public private(set) var values: [Value]

    /// Creates an empty object.
    public init() {
        keys = []
        values = []
    }

    /// Creates an object from pairs; a later pair replaces an earlier one with the same key.
    public init<S: Sequence>(_ pairs: S) where S.Element == (Value, Value) {
        let pairs = Array(pairs)
        keys = []
        values = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        if pairs.count <= Self.maxInsertionCount {
            // A typical object has a few keys: inserting each at its place costs less than sorting a copy.
            for (key, value) in pairs {
                if let last = keys.last, Value.compare(last, key) < 0 {
                    keys.append(key)
                    values.append(value)
                } else {
                    set(key, value)
                }
            }
            return
        }
        // The sort is stable (ties broken by position) so that the last of several equal keys wins; input that is
        // already in order (a document Assay built) is not sorted again.
        var ordered = Array(pairs.enumerated())
        if !ordered.indices.dropFirst().allSatisfy({ Value.compare(ordered[$0 - 1].element.0, ordered[$0].element.0) < 0 }) {
            ordered.sort { a, b in
                let c = Value.compare(a.element.0, b.element.0)
                return c != 0 ? c < 0 : a.offset < b.offset
            }
        }
        for (_, (key, value)) in ordered {
            if let last = keys.last, Value.compare(last, key) == 0 {
                values[values.count - 1] = value
            } else {
                keys.append(key)
                values.append(value)
            }
        }
    }

    /// Objects up to this size are built by insertion, larger ones by one sort.
    static let maxInsertionCount = 16

    /// Creates an object with string keys.
    public init(_ dictionary: [String: Value]) {
        self.init(dictionary.map { (Value.string($0.key), $0.value) })
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the object has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The key/value pairs in key order.
    public var pairs: Zip2Sequence<[Value], [Value]> { zip(keys, values) }

    private func index(of key: Value) -> (found: Bool, index: Int) {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            let c = Value.compare(keys[mid], key)
            if c == 0 { return (true, mid) }
            if c < 0 { low = mid + 1 } else { high = mid }
        }
        return (false, low)
    }

    /// The value stored under `key`.
    public subscript(key: Value) -> Value? {
        let (found, i) = index(of: key)
        return found ? values[i] : nil
    }

    /// The value stored under a string key.
    public subscript(key: String) -> Value? { self[.string(key)] }

    /// Sets or replaces the value under `key`.
    public mutating func set(_ key: Value, _ value: Value) {
        let (found, i) = index(of: key)
        if found {
            values[i] = value
        } else {
            keys.insert(key, at: i)
            values.insert(value, at: i)
        }
    }

    /// Removes `key` if present.
    public mutating func remove(_ key: Value) {
        let (found, i) = index(of: key)
        if found {
            keys.remove(at: i)
            values.remove(at: i)
        }
    }
}
