import AttestationCore
import Foundation
import Logging
import ServiceLifecycle

/// Deletes expired pending enrollments and attestation keys whose activation is older than `tpm_ak_lifetime`,
/// periodically, so the plug-in's tables stay small.
struct TPMSweeper: Service {
    let store: any TPMEnrollmentStore
    let clock: any TimeSource
    let akLifetime: TimeInterval
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
                let enrollments = try await store.deleteExpiredEnrollments(before: now)
                let keys = try await store.deleteKeys(activatedBefore: now.addingTimeInterval(-akLifetime))
                if enrollments + keys > 0 {
                    logger.debug(
                        "removed expired TPM enrollments and attestation keys",
                        metadata: ["tpm_enrollments": "\(enrollments)", "tpm_attestation_keys": "\(keys)"])
                }
            } catch {
                logger.warning("could not remove expired TPM enrollments and attestation keys", metadata: ["error": "\(error)"])
            }
        }
    }
}
