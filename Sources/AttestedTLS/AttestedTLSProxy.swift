public import NIOCore
import NIOPosix
public import NIOSSL

/// Inside the TEE: accepts attested TLS on `listen` and relays the plaintext to `upstream` (a local service that
/// knows nothing of TLS). Each accepted connection gets its own upstream connection.
public struct AttestedTLSProxy: Sendable {
    public let listen: Endpoint
    public let upstream: Endpoint
    /// The server context (``AttestedTLSServerContext``).
    public let context: NIOSSLContext
    /// Mutual mode: judges each client's attested certificate.
    public let clientGate: ClientAttestationGate?

    public init(listen: Endpoint, upstream: Endpoint, context: NIOSSLContext, clientGate: ClientAttestationGate? = nil) {
        self.listen = listen
        self.upstream = upstream
        self.context = context
        self.clientGate = clientGate
    }

    /// Binds the listener; serve until its channel closes.
    public func bind(group: any EventLoopGroup) async throws -> any Channel {
        let (context, upstream, gate) = (self.context, self.upstream, self.clientGate)
        do {
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { inbound in
                    ClientBootstrap(group: inbound.eventLoop)
                        .channelOption(.socketOption(.tcp_nodelay), value: 1)
                        .connect(host: upstream.host, port: upstream.port)
                        .flatMapThrowing { outbound in
                            let (inboundGlue, outboundGlue) = GlueHandler.matchedPair()
                            try inbound.pipeline.syncOperations.addHandler(inboundGlue)
                            if let gate {
                                try gate.install(on: inbound, context: context)
                            } else {
                                try inbound.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
                            }
                            try outbound.pipeline.syncOperations.addHandler(outboundGlue)
                        }
                }
                .bind(host: listen.host, port: listen.port).get()
        } catch {
            throw AttestedTLSError.connection("cannot listen on \(listen): \(error)")
        }
    }
}
