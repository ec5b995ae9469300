public import ServiceLifecycle

/// The pool's threads start with it; as a service it stops them at graceful shutdown, after the HTTP server (which
/// comes later in the service group) has finished its requests.
extension WorkerPool: Service {
    public func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }
}
