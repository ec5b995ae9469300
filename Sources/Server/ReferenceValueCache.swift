import Appraisal
import AttestationCore
import Foundation
import Storage

/// The reference values from the store, re-read at most every ``refreshInterval`` (and at once after a local
/// change), so every replica sees an update within that interval.
actor ReferenceValueCache {
    let store: any AssayStore
    let clock: any TimeSource
    let refreshInterval: TimeInterval
    private var current = ReferenceValueSet()
    private var loadedAt: Date?

    init(store: any AssayStore, clock: any TimeSource, refreshInterval: TimeInterval = 1) {
        self.store = store
        self.clock = clock
        self.refreshInterval = refreshInterval
    }

    func values() async throws -> ReferenceValueSet {
        if let loadedAt, clock.now().timeIntervalSince(loadedAt) < refreshInterval { return current }
        let records = try await store.referenceValues()
        current = ReferenceValueSet(
            try records.map { record in
                try ReferenceValue(json: try JSONValue(parsing: record.document), location: "stored entry \(record.id)")
            })
        loadedAt = clock.now()
        return current
    }

    func invalidate() { loadedAt = nil }
}
