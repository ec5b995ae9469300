import Synchronization

/// A value shared between a handshake's callbacks and the code waiting for the handshake (they run on different
/// threads): a class around a mutex, so closures can capture it.
final class SharedValue<Value: Sendable>: Sendable {
    let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

extension SharedValue where Value == Int {
    /// Counts one more in flight if fewer than `limit` are; whether it did.
    func admit(below limit: Int) -> Bool {
        storage.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Counts one fewer in flight.
    func release() { storage.withLock { $0 -= 1 } }
}
