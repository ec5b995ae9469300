public import Hummingbird
public import NIOCore

/// Per-request context: Hummingbird's core storage, the client's address for the audit log, the connection's event
/// loop (where the request's deadline is timed) and, past the admin middleware, who the admin is.
public struct AssayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or `unknown`.
    public let clientAddress: String
    /// The event loop of the connection.
    public let eventLoop: any EventLoop
    /// The authenticated admin, on admin routes.
    public var admin: AdminActor?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        eventLoop = source.channel.eventLoop
    }
}
