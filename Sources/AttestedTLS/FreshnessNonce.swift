import AttestationCore

/// Fresh mode's challenge: the client sends a random nonce as the SNI host name `<32 hex digits>.attest.invalid`
/// (`.invalid` never resolves, RFC 2606), and the server mints a certificate whose key-binding claims carry it.
public enum FreshnessNonce {
    /// The SNI suffix that marks a nonce.
    public static let suffix = ".attest.invalid"
    /// Nonce length: 16 random bytes (32 hex digits fit one DNS label).
    public static let byteCount = 16

    /// A fresh random nonce.
    public static func generate() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The SNI host name carrying `nonce`.
    public static func serverName(for nonce: [UInt8]) -> String { Hex.encode(nonce) + suffix }

    /// The nonce in an SNI host name, or nil when it carries none (an ordinary name, or malformed).
    public static func nonce(inServerName name: String?) -> [UInt8]? {
        guard let name = name?.lowercased(), name.hasSuffix(suffix) else { return nil }
        let label = name.dropLast(suffix.count)
        guard label.count == byteCount * 2, let bytes = try? Hex.decode(String(label)) else { return nil }
        return bytes
    }
}
