import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client takes longer than `timeout` to send a complete request head, counted from the
/// connection's start or from the first byte of each later request (a slow-headers, "slowloris", client holds a
/// connection at most that long). Between requests, the idle timeout applies instead.
///
/// Two handlers share one state: ``bytes`` sits first in the pipeline and notices the first byte of a request,
/// ``heads`` sits after the HTTP decoder and notices complete heads and finished responses. Both run on the
/// connection's event loop.
final class RequestHeadDeadline {
    enum Phase {
        /// Waiting for the first byte of a request (kept-alive connection): the idle timeout applies.
        case idle
        /// A request has started but its head is incomplete: the deadline runs.
        case awaitingHead
        /// Between a complete head and the end of its response.
        case inRequest
    }

    let timeout: TimeAmount
    var phase = Phase.awaitingHead
    var timer: Scheduled<Void>?
    var channel: (any Channel)?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func start(on channel: any Channel) {
        self.channel = channel
        arm()
    }

    func arm() {
        phase = .awaitingHead
        timer?.cancel()
        timer = channel?.eventLoop.scheduleTask(in: timeout) { [weak self] in
            guard let self, self.phase == .awaitingHead else { return }
            self.channel?.close(promise: nil)
        }
    }

    func headReceived() {
        phase = .inRequest
        timer?.cancel()
        timer = nil
    }

    func responseFinished() {
        phase = .idle
    }

    func bytesReceived() {
        if phase == .idle { arm() }
    }

    func stop() {
        timer?.cancel()
        timer = nil
        channel = nil
    }

    /// The handler placed first: every inbound byte passes it.
    var bytes: ByteWatcher { ByteWatcher(deadline: self) }
    /// The handler placed after the HTTP decoder.
    var heads: HeadWatcher { HeadWatcher(deadline: self) }

    final class ByteWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let deadline: RequestHeadDeadline

        init(deadline: RequestHeadDeadline) { self.deadline = deadline }

        func handlerAdded(context: ChannelHandlerContext) {
            deadline.start(on: context.channel)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            deadline.bytesReceived()
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            deadline.stop()
            context.fireChannelInactive()
        }
    }

    final class HeadWatcher: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart
        let deadline: RequestHeadDeadline

        init(deadline: RequestHeadDeadline) { self.deadline = deadline }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head = unwrapInboundIn(data) { deadline.headReceived() }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .end = unwrapOutboundIn(data) { deadline.responseFinished() }
            context.write(data, promise: promise)
        }
    }
}

extension RequestHeadDeadline: @unchecked Sendable {}
