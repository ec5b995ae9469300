import Synchronization

/// Ground rule documents (``GroundAnalysis``) computed by one evaluation of a ``BoundQuery`` and reused by every
/// later one: indexed by rule-tree node id, `nil` when not computed yet, `.some(nil)` when undefined. Evaluations on
/// several threads share it; a document may be computed twice by a race, to the same value.
final class SharedDocuments: Sendable {
    private let slots: Mutex<[Value??]>

    init(count: Int) {
        slots = Mutex([Value??](repeating: nil, count: count))
    }

    subscript(id: Int) -> Value?? {
        slots.withLock { id < $0.count ? $0[id] : nil }
    }

    func store(_ id: Int, _ value: Value?) {
        slots.withLock { if id < $0.count { $0[id] = .some(value) } }
    }
}
