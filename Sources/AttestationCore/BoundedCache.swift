import Foundation
import Synchronization

/// A thread-safe memo table with a size bound, for results that depend only on exact input bytes (parsed
/// certificates, signature checks). When full it starts over: forgetting only costs time.
///
/// Never cache anything time-dependent (validity at an instant, CRL currency); check those on every call.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Most entries kept.
    public let limit: Int
    let storage = Mutex<[Key: Value]>([:])

    public init(limit: Int) { self.limit = limit }

    /// How many entries are held now.
    public var count: Int { storage.withLock { $0.count } }

    /// The value for `key`, computed by `make` (outside the lock) when absent.
    public func value(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let value = try make()
        storage.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }
}

/// Bytes as a cache key: hashes the length and the first and last 64 bytes, compares every byte, so a lookup costs
/// the same for a 40 KiB document as for a 64-byte key while equality stays exact.
public struct ExactBytes: Hashable, Sendable {
    /// The bytes.
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { raw in
            let head = min(raw.count, 64)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[0..<head]))
            let tail = max(head, raw.count - 64)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[tail..<raw.count]))
        }
    }

    /// Byte-wise equality with `memcmp` (the element-wise loop of `Array.==` cost as much as the hashing).
    public static func == (lhs: ExactBytes, rhs: ExactBytes) -> Bool {
        guard lhs.bytes.count == rhs.bytes.count else { return false }
        return lhs.bytes.withUnsafeBytes { left in
            rhs.bytes.withUnsafeBytes { right in
                guard let a = left.baseAddress, let b = right.baseAddress, a != b else { return true }
                return memcmp(a, b, left.count) == 0
            }
        }
    }
}
