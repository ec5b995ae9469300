import Crypto

/// A manufacturer root certificate, pinned by the SHA-256 of its DER encoding.
public struct TrustAnchor: Sendable, Hashable, CustomStringConvertible {
    /// A human name (`ARK-Milan`, `Intel SGX Root CA`).
    public let name: String
    /// The DER-encoded certificate.
    public let derBytes: [UInt8]
    /// SHA-256 of ``derBytes``, the pin.
    public let sha256: [UInt8]

    public init(name: String, derBytes: [UInt8]) {
        self.name = name
        self.derBytes = derBytes
        self.sha256 = Array(SHA256.hash(data: derBytes))
    }

    public var description: String { "\(name) (sha256 \(Hex.encode(sha256)))" }
}
