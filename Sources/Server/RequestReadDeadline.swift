import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow to send a request: its head must be complete within `headTimeout`,
/// counted from the connection's start or from the first byte of each later request, and its body within
/// `bodyTimeout` after the head. A slow-headers or slow-body ("slowloris") client holds a connection at most that long,
/// and never holds a worker: bodies are read on the event loop before a request is admitted to the ``WorkerPool``.
/// Between requests, the idle timeout applies instead.
///
/// Two handlers share one state: ``bytes`` sits first in the pipeline and notices the first byte of a request,
/// ``parts`` sits after the HTTP decoder and notices heads, request ends and finished responses. Both run on the
/// connection's event loop.
final class RequestReadDeadline {
    enum Phase {
        /// Waiting for the first byte of a request (kept-alive connection): the idle timeout applies.
        case idle
        /// A request has started but its head is incomplete.
        case awaitingHead
        /// The head is complete, the body is not.
        case awaitingBody
        /// Between the end of a request and the end of its response.
        case inRequest
    }

    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    var phase = Phase.awaitingHead
    /// When the current phase must have ended, if it is a waiting one.
    var deadline = NIODeadline.distantFuture
    /// The one timer of the connection and when it fires. It is not cancelled when a request completes: when it
    /// fires it closes the connection only if a waiting phase is past its deadline, and otherwise re-arms for the
    /// current deadline or lapses, so a busy keep-alive connection schedules about one timer per timeout instead of
    /// two per request.
    var timer: (task: Scheduled<Void>, firesAt: NIODeadline)?
    var channel: (any Channel)?

    init(headTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
    }

    func start(on channel: any Channel) {
        self.channel = channel
        enter(.awaitingHead, for: headTimeout)
    }

    /// Enters a phase that must end within `timeout`, or the connection closes.
    func enter(_ waiting: Phase, for timeout: TimeAmount) {
        phase = waiting
        deadline = .now() + timeout
        if let timer, timer.firesAt <= deadline { return }
        arm(at: deadline)
    }

    func arm(at time: NIODeadline) {
        timer?.task.cancel()
        guard let channel else { return }
        let task = channel.eventLoop.scheduleTask(deadline: time) { [weak self] in
            guard let self else { return }
            self.timerFired()
        }
        timer = (task, time)
    }

    func timerFired() {
        timer = nil
        switch phase {
        case .awaitingHead, .awaitingBody:
            if deadline <= .now() { channel?.close(promise: nil) } else { arm(at: deadline) }
        case .idle, .inRequest:
            break
        }
    }

    func headReceived() {
        enter(.awaitingBody, for: bodyTimeout)
    }

    func requestReceived() {
        phase = .inRequest
    }

    func responseFinished() {
        phase = .idle
    }

    func bytesReceived() {
        if phase == .idle { enter(.awaitingHead, for: headTimeout) }
    }

    func stop() {
        timer?.task.cancel()
        timer = nil
        channel = nil
    }

    /// The handler placed first: every inbound byte passes it.
    var bytes: ByteWatcher { ByteWatcher(deadline: self) }
    /// The handler placed after the HTTP decoder.
    var parts: PartWatcher { PartWatcher(deadline: self) }

    final class ByteWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let deadline: RequestReadDeadline

        init(deadline: RequestReadDeadline) { self.deadline = deadline }

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

    final class PartWatcher: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart
        let deadline: RequestReadDeadline

        init(deadline: RequestReadDeadline) { self.deadline = deadline }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head: deadline.headReceived()
            case .end: deadline.requestReceived()
            case .body: break
            }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .end = unwrapOutboundIn(data) { deadline.responseFinished() }
            context.write(data, promise: promise)
        }
    }
}

extension RequestReadDeadline: @unchecked Sendable {}
