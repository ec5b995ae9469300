import Synchronization

/// A thread-safe memo table with a size bound: when full, it starts over (results are cheap to recompute and
/// never time-dependent, so forgetting them only costs time).
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let limit: Int
    let storage = Mutex<[Key: Value]>([:])

    init(limit: Int) { self.limit = limit }

    /// The value for `key`, computed by `make` (outside the lock) when absent.
    func value(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let value = try make()
        storage.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }
}

/// Bytes as a cache key: hashes the length and a bounded sample, compares every byte, so a lookup costs the same
/// for a 40 KiB collateral set as for a 64-byte key while equality stays exact.
struct ExactBytes: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { raw in
            let head = min(raw.count, 64)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[0..<head]))
            let tail = max(head, raw.count - 64)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[tail..<raw.count]))
        }
    }

    static func == (lhs: ExactBytes, rhs: ExactBytes) -> Bool { lhs.bytes == rhs.bytes }
}
