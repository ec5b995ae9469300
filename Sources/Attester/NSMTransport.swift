/// The Nitro Secure Module's request/response channel: one CBOR request in, one CBOR response out. ``NSMDevice`` is
/// the real `/dev/nsm`; tests put a fake in its place.
public protocol NSMTransport: Sendable {
    /// Where the module is, for messages.
    var path: String { get }
    /// Whether the module is present here.
    var isAvailable: Bool { get }
    /// Sends one request and returns the module's response (the module writes at most `capacity` bytes).
    func exchange(_ request: [UInt8], capacity: Int) throws -> [UInt8]
}
