import AttestationCore
import Logging
import ServiceLifecycle
import Storage

/// Deletes expired nonces and expired pending TPM enrollments periodically so their tables stay small.
struct ExpirySweeper: Service {
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
                let now = clock.now()
                let nonces = try await store.deleteExpiredNonces(before: now)
                let enrollments = try await store.deleteExpiredTPMEnrollments(before: now)
                if nonces + enrollments > 0 {
                    logger.debug("removed expired entries", metadata: ["nonces": "\(nonces)", "tpm_enrollments": "\(enrollments)"])
                }
            } catch {
                logger.warning("could not remove expired nonces and enrollments", metadata: ["error": "\(error)"])
            }
        }
    }
}
