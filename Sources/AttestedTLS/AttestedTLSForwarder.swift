public import NIOCore
import NIOPosix

/// For a relying party: accepts plain TCP on `listen` and carries it over attested TLS to `peer`, so any client
/// gets a verified channel without code changes. A peer that is refused gets no bytes: the local connection is
/// closed and `onJudgement` is told why.
public struct AttestedTLSForwarder: Sendable {
    public let listen: Endpoint
    public let peer: Endpoint
    public let client: AttestedTLSClient
    /// Called with every judgement (accepted or refused), for logging.
    public let onJudgement: @Sendable (PeerAttestation) -> Void
    /// Called when a connection could not be judged (the peer is down, its certificate unreadable).
    public let onFailure: @Sendable (any Error) -> Void

    public init(
        listen: Endpoint, peer: Endpoint, client: AttestedTLSClient, onJudgement: @escaping @Sendable (PeerAttestation) -> Void,
        onFailure: @escaping @Sendable (any Error) -> Void
    ) {
        self.listen = listen
        self.peer = peer
        self.client = client
        self.onJudgement = onJudgement
        self.onFailure = onFailure
    }

    /// Binds the listener; serve until its channel closes.
    public func bind(group: any EventLoopGroup) async throws -> any Channel {
        let forwarder = self
        do {
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { inbound in
                    inbound.eventLoop.makeFutureWithTask {
                        try await forwarder.join(inbound)
                    }
                }
                .bind(host: listen.host, port: listen.port).get()
        } catch {
            throw AttestedTLSError.connection("cannot listen on \(listen): \(error)")
        }
    }

    /// Connects to the peer for one local connection (on its event loop, as the glue requires) and glues the two
    /// once the peer is accepted.
    func join(_ inbound: any Channel) async throws {
        let connection: AttestedTLSClient.Connection
        do {
            connection = try await client.connect(to: peer, group: inbound.eventLoop)
        } catch {
            onFailure(error)
            throw error
        }
        onJudgement(connection.attestation)
        guard let outbound = connection.channel else {
            throw AttestedTLSError.connection(connection.attestation.summary)
        }
        try await inbound.eventLoop.submit {
            let (inboundGlue, outboundGlue) = GlueHandler.matchedPair()
            try inbound.pipeline.syncOperations.addHandler(inboundGlue)
            try outbound.pipeline.syncOperations.addHandler(outboundGlue)
            // The watcher passes on what the peer sent since the handshake, now that the glue is behind it.
            outbound.pipeline.syncOperations.removeHandler(name: HandshakeWatcher.name, promise: nil)
        }.get()
    }
}
