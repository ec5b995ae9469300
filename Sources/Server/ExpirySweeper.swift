import AttestationCore
import Logging
import ServiceLifecycle
import Storage

/// Deletes expired nonces periodically so the table stays small.
struct NonceSweeper: Service {
    let store: any AssayStore
    let clock: any TimeSource
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                let removed = try await store.deleteExpiredNonces(before: clock.now())
                if removed > 0 { logger.debug("removed expired nonces", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("could not remove expired nonces", metadata: ["error": "\(error)"])
            }
        }
    }
}
