/// A `HOST:PORT` (or `[IPv6]:PORT`) argument.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `[V6]:PORT`; the port is 0–65535 (0: any free port, for listeners).
    public init(parsing text: String) throws {
        let host: Substring, portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw AttestedTLSError.invalidEndpoint("'\(text)': expected [IPv6]:PORT") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw AttestedTLSError.invalidEndpoint("'\(text)': expected HOST:PORT, e.g. 127.0.0.1:8443")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw AttestedTLSError.invalidEndpoint("'\(text)': no host") }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw AttestedTLSError.invalidEndpoint("'\(text)': the port must be a number from 0 to 65535")
        }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
