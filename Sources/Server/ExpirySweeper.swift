import AttestationCore
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Deletes expired nonces, expired pending TPM enrollments and TPM attestation keys whose activation is older
/// than `tpmAKLifetime`, periodically, so their tables stay small.
struct ExpirySweeper: Service {
    let store: any AssayStore
    let clock: any TimeSource
    let tpmAKLifetime: TimeInterval
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
                let keys = try await store.deleteTPMAttestationKeys(activatedBefore: now.addingTimeInterval(-tpmAKLifetime))
                if nonces + enrollments + keys > 0 {
                    logger.debug(
                        "removed expired entries",
                        metadata: ["nonces": "\(nonces)", "tpm_enrollments": "\(enrollments)", "tpm_attestation_keys": "\(keys)"])
                }
            } catch {
                logger.warning("could not remove expired nonces, enrollments and attestation keys", metadata: ["error": "\(error)"])
            }
        }
    }
}
