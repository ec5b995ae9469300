/// The rule documents computed so far in one query, indexed by rule-tree node id (ids are small and dense):
/// `nil` when not computed yet, `.some(nil)` when computed and undefined.
struct DocumentCache {
    private var slots: [Value??] = []

    /// An empty cache with room for `count` nodes, so that filling it does not grow the storage step by step.
    init(count: Int = 0) {
        slots = [Value??](repeating: nil, count: count)
    }

    subscript(id: Int) -> Value?? {
        get { id < slots.count ? slots[id] : nil }
        set {
            if id >= slots.count { slots.append(contentsOf: repeatElement(nil, count: id - slots.count + 1)) }
            slots[id] = newValue
        }
    }
}
