/// A fresh, single-use challenge value issued by the verifier.
public struct Nonce: Sendable, Hashable, CustomStringConvertible {
    /// Length of nonces Assay issues.
    public static let byteCount = 32

    /// The random bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A new nonce from `random`.
    public static func random(using random: any RandomSource) -> Nonce {
        Nonce(bytes: random.bytes(count: byteCount))
    }

    /// The nonce as it appears in runtime data and API bodies: base64url without padding.
    public var encoded: String { Base64.encodeURL(bytes) }

    public var description: String { encoded }
}
