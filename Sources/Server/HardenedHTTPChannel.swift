import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// HTTP/1.1 (over TLS when configured) with the service's connection limits: deadlines for a request's head and
/// body (``RequestReadDeadline``), an idle timeout between requests, and each connection's handling kept on the event
/// loop that owns its socket (``EventLoopTaskExecutor``); request work itself runs on the ``WorkerPool``.
struct HardenedHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let responder: HTTPChannelHandler.Responder
    let tls: NIOSSLContext?
    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    let idleTimeout: TimeAmount

    func http(_ deadline: RequestReadDeadline?) -> HTTP1Channel {
        HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: deadline.map { [$0.parts] } ?? [], idleTimeout: idleTimeout))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let deadline = RequestReadDeadline(headTimeout: headTimeout, bodyTimeout: bodyTimeout)
        return channel.eventLoop.makeCompletedFuture {
            if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
        }.flatMap {
            http(deadline).setup(channel: channel, logger: logger)
        }.flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(deadline.bytes, position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await http(nil).handle(value: value, logger: logger)
        }
    }
}
