public import AttestationCore
public import NIOCore
import NIOHTTP1
import NIOPosix

/// Drives `connections` keep-alive connections of ``RoundTripHandler`` against one service for a bounded time
/// on its own event loops.
public struct LoadGenerator {
    let host: String
    let port: Int
    let connections: Int
    let group: any EventLoopGroup
    let evidence: @Sendable (RuntimeData) throws -> [UInt8]

    /// A generator of `connections` connections to `host`:`port` on `group`, attesting with the evidence `evidence`
    /// makes for each runtime data.
    public init(
        host: String, port: Int, connections: Int, group: any EventLoopGroup,
        evidence: @escaping @Sendable (RuntimeData) throws -> [UInt8]
    ) {
        self.host = host
        self.port = port
        self.connections = connections
        self.group = group
        self.evidence = evidence
    }

    /// Runs every connection until `seconds` have passed; one result per connection.
    public func run(seconds: Double) async throws -> [LoadTestResult] {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9))
        var results: [EventLoopFuture<LoadTestResult>] = []
        for _ in 0..<connections {
            let loop = group.next()
            let done = loop.makePromise(of: LoadTestResult.self)
            let handlerHost = "\(host):\(port)"
            let evidence = self.evidence
            let connect = ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(
                            RoundTripHandler(host: handlerHost, deadline: deadline, evidence: evidence, done: done))
                    }
                }
                .connect(host: host, port: port)
            connect.whenFailure { error in
                var failed = LoadTestResult()
                failed.note(error: "cannot connect to \(handlerHost): \(error)")
                done.succeed(failed)
            }
            results.append(done.futureResult)
        }
        return try await EventLoopFuture.whenAllSucceed(results, on: group.next()).get()
    }
}
