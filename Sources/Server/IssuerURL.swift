import Synchronization

/// The service's issuer URL: the configured one, or `http(s)://HOST:PORT` of the address the server actually
/// bound (which differs from the configuration when the port is 0).
final class IssuerURL: Sendable {
    private let value: Mutex<String>
    private let configuration: ServerConfiguration

    init(_ configuration: ServerConfiguration) {
        self.configuration = configuration
        value = Mutex(configuration.effectiveIssuer)
    }

    /// The current issuer.
    var current: String { value.withLock { $0 } }

    /// Records the port the server bound.
    func bound(port: Int) {
        guard configuration.issuer == nil else { return }
        var bound = configuration
        bound.port = port
        value.withLock { $0 = bound.effectiveIssuer }
    }
}
