import AttestationCore
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Deletes expired nonces periodically, so their table stays small; service plug-ins run sweepers of their own.
struct ExpirySweeper: Service {
    let store: any NonceStore
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
                let nonces = try await store.deleteExpiredNonces(before: clock.now())
                if nonces > 0 { logger.debug("removed expired nonces", metadata: ["nonces": "\(nonces)"]) }
            } catch {
                logger.warning("could not remove expired nonces", metadata: ["error": "\(error)"])
            }
        }
    }
}
