public import Logging
public import ServiceLifecycle

/// Runs a deletion of expired rows every `interval` until shutdown, so tables stay small: the core's nonces, and
/// whatever a service plug-in keeps (TPM enrollments and attestation keys). A failed sweep is logged and retried at
/// the next interval.
public struct PeriodicSweep: Service {
    /// What is swept, for the log (`expired nonces`).
    let subject: String
    let interval: Duration
    let logger: Logger
    /// Deletes what has expired; returns the number of rows removed per kind (`["nonces": 3]`).
    let sweep: @Sendable () async throws -> [String: Int]

    /// A sweep of `subject` every `interval`.
    public init(
        of subject: String, every interval: Duration, logger: Logger,
        _ sweep: @escaping @Sendable () async throws -> [String: Int]
    ) {
        self.subject = subject
        self.interval = interval
        self.logger = logger
        self.sweep = sweep
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                let removed = try await sweep()
                if removed.values.contains(where: { $0 > 0 }) {
                    logger.debug("removed \(subject)", metadata: removed.mapValues { "\($0)" })
                }
            } catch {
                logger.warning("could not remove \(subject)", metadata: ["error": "\(error)"])
            }
        }
    }
}
