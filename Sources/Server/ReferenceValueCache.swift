import Appraisal
import AttestationCore
import Foundation
import Storage
import Synchronization

/// The reference values from the store, re-read at most every ``refreshInterval`` (and at once after a local
/// change), so every replica sees an update within that interval; entries whose integrity tag fails are left out.
/// Reading a fresh set takes a lock, not a hop to an actor: every attestation asks.
final class ReferenceValueCache: Sendable {
    let store: any ReferenceValueStore
    let integrity: RowIntegrity
    let clock: any TimeSource
    let refreshInterval: TimeInterval

    private struct State {
        var current = ReferenceValueSet()
        var loadedAt: Date?
        /// Bumped by ``invalidate()``, so that a reload that read the store before a change does not keep its
        /// older result as fresh.
        var generation = 0
    }

    private let state = Mutex(State())

    init(store: any ReferenceValueStore, integrity: RowIntegrity, clock: any TimeSource, refreshInterval: TimeInterval = 1) {
        self.store = store
        self.integrity = integrity
        self.clock = clock
        self.refreshInterval = refreshInterval
    }

    func values() async throws -> ReferenceValueSet {
        let now = clock.now()
        let (fresh, generation) = state.withLock { state -> (ReferenceValueSet?, Int) in
            guard let loadedAt = state.loadedAt, now.timeIntervalSince(loadedAt) < refreshInterval else {
                return (nil, state.generation)
            }
            return (state.current, state.generation)
        }
        if let fresh { return fresh }
        let records = try await store.referenceValues().compactMap(integrity.verified)
        let loaded = ReferenceValueSet(
            try records.map { record in
                try ReferenceValue(json: try JSONValue(parsing: record.document), location: "stored entry \(record.id)")
            })
        state.withLock { state in
            guard state.generation == generation else { return }
            state.current = loaded
            state.loadedAt = now
        }
        return loaded
    }

    func invalidate() {
        state.withLock { state in
            state.loadedAt = nil
            state.generation += 1
        }
    }
}
