public import NIOCore
import NIOTLS

/// Completes a promise when the TLS handshake completes and fails it when the channel errors or closes first.
/// Bytes the peer sends after the handshake are held until the handler is removed (``name``), which passes them
/// on: the handler that takes over the channel (the forwarder's glue) loses nothing.
public final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = NIOAny

    /// The handler's name in the pipeline.
    public static let name = "assay-handshake-watcher"

    public let promise: EventLoopPromise<Void>
    private var held: [NIOAny] = []

    public init(promise: EventLoopPromise<Void>) { self.promise = promise }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { promise.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        held.append(data)
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        promise.fail(AttestedTLSError.connection("the peer closed the connection during the handshake"))
        context.fireChannelInactive()
    }

    public func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        let pending = held
        held = []
        for data in pending { context.fireChannelRead(data) }
        if !pending.isEmpty { context.fireChannelReadComplete() }
        context.leavePipeline(removalToken: removalToken)
    }
}
