import AttestationCore
import Attester
import NIOCore
import NIOHTTP1

/// One load-generator connection: loops challenge → Sample TEE evidence over the nonce → attest on an HTTP/1.1
/// keep-alive connection, entirely on its event loop (no task hops, so the generator costs the machine little of
/// what it measures), until the deadline; then closes and reports its latencies.
final class RoundTripHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// Largest response body the generator reads.
    static let maxResponseBytes = 64 * 1024

    private enum Phase { case challenge, attest }

    private let host: String
    private let deadline: NIODeadline
    private let evidence: @Sendable (RuntimeData) throws -> [UInt8]
    private let done: EventLoopPromise<LoadTestResult>
    private var phase = Phase.challenge
    private var status: UInt = 0
    private var body: [UInt8] = []
    private var started = NIODeadline.now()
    private var result = LoadTestResult()
    private var finished = false

    init(host: String, deadline: NIODeadline, evidence: @escaping @Sendable (RuntimeData) throws -> [UInt8], done: EventLoopPromise<LoadTestResult>) {
        self.host = host
        self.deadline = deadline
        self.evidence = evidence
        self.done = done
        body.reserveCapacity(4096)
    }

    func channelActive(context: ChannelHandlerContext) {
        startRoundTrip(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = head.status.code
            body.removeAll(keepingCapacity: true)
        case .body(let buffer):
            guard body.count + buffer.readableBytes <= Self.maxResponseBytes else {
                fail(context: context, "a response body exceeds \(Self.maxResponseBytes) bytes")
                return
            }
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            responseComplete(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished {
            result.note(error: "the service closed the connection")
            finish()
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, "\(error)")
    }

    private func responseComplete(context: ChannelHandlerContext) {
        let json = try? JSONValue(parsing: body)
        guard (200..<300).contains(status) else {
            result.note(error: "HTTP \(status) from \(phase == .challenge ? "/v1/challenge" : "/v1/attest"): "
                + (json?["detail"]?.stringValue ?? "no detail"))
            return next(context: context)
        }
        switch phase {
        case .challenge:
            guard let nonce = json?["nonce"]?.stringValue else {
                result.note(error: "the challenge response has no nonce")
                return next(context: context)
            }
            let runtime = RuntimeData(json: ["nonce": .string(nonce)])
            do {
                let bytes = AssayClient.attestBody(tee: .sample, evidence: try evidence(runtime), runtimeData: runtime.bytes)
                    .compactBytes
                phase = .attest
                send(context: context, uri: "/v1/attest", body: bytes)
            } catch {
                fail(context: context, "the Sample TEE attester failed: \(error)")
            }
        case .attest:
            if json?["token"]?.stringValue != nil {
                result.latencies.append(Double(NIODeadline.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
            } else {
                result.note(error: "the attest response has no token")
            }
            next(context: context)
        }
    }

    private func next(context: ChannelHandlerContext) {
        guard NIODeadline.now() < deadline else {
            finish()
            context.close(promise: nil)
            return
        }
        startRoundTrip(context: context)
    }

    private func startRoundTrip(context: ChannelHandlerContext) {
        started = .now()
        phase = .challenge
        send(context: context, uri: "/v1/challenge", body: [])
    }

    private func send(context: ChannelHandlerContext, uri: String, body: [UInt8]) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        headers.add(name: "Content-Length", value: String(body.count))
        if !body.isEmpty { headers.add(name: "Content-Type", value: "application/json") }
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: uri, headers: headers))), promise: nil)
        if !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func fail(context: ChannelHandlerContext, _ message: String) {
        result.note(error: message)
        finish()
        context.close(promise: nil)
    }

    private func finish() {
        guard !finished else { return }
        finished = true
        done.succeed(result)
    }
}
