import NIOPosix
import ServiceLifecycle

/// The event loops that accept connections and read and write HTTP (`network_threads`); the CPU work of a request
/// runs on the ``WorkerPool``. As a service it stops the loops at graceful shutdown, after the HTTP server (which
/// comes later in the service group) has closed its connections.
final class NetworkThreads: Service {
    let group: MultiThreadedEventLoopGroup

    init(count: Int) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, count))
    }

    func run() async throws {
        try? await gracefulShutdown()
        try await group.shutdownGracefully()
    }
}
