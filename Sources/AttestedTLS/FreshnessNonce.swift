import AttestationCore

/// Fresh mode's challenge in SNI: the client sends a random nonce as the host name `<32 hex digits>.attest.invalid`
/// (`.invalid` never resolves, RFC 2606), and the server mints a certificate whose key-binding claims carry it. In
/// mutual mode the client's key hash follows in two more labels, `<nonce>.<sha-256 of its SPKI, 2 × 32 hex
/// digits>.attest.invalid`, so that the server's certificate can name the client it was minted for.
public enum FreshnessNonce {
    /// The SNI suffix that marks a nonce.
    public static let suffix = ".attest.invalid"
    /// Nonce length: 16 random bytes (32 hex digits fit one DNS label).
    public static let byteCount = 16

    /// What a client asked for in SNI.
    public struct Request: Sendable, Hashable {
        public let nonce: [UInt8]
        /// SHA-256 of the client's SPKI (mutual mode).
        public let clientKeyHash: KeyBindingClaims.KeyHash?
    }

    /// A fresh random nonce.
    public static func generate() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The SNI host name carrying `nonce` and, in mutual mode, the client's key hash (SHA-256).
    public static func serverName(for nonce: [UInt8], clientSPKI: [UInt8]? = nil) -> String {
        let key = clientSPKI.map { spki -> String in
            let hex = Hex.encode(KeyHashAlgorithm.sha256.digest(spki))
            return "." + hex.prefix(32) + "." + hex.dropFirst(32)
        }
        return Hex.encode(nonce) + (key ?? "") + suffix
    }

    /// What an SNI host name asks for, or nil when it carries no nonce (an ordinary name, or malformed).
    public static func request(inServerName name: String?) -> Request? {
        guard let name = name?.lowercased(), name.hasSuffix(suffix) else { return nil }
        let labels = name.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 1 || labels.count == 3, labels.allSatisfy({ $0.count == byteCount * 2 }),
            let nonce = try? Hex.decode(String(labels[0]))
        else { return nil }
        guard labels.count == 3 else { return Request(nonce: nonce, clientKeyHash: nil) }
        guard let digest = try? Hex.decode(String(labels[1] + labels[2])) else { return nil }
        return Request(nonce: nonce, clientKeyHash: KeyBindingClaims.KeyHash(algorithm: .sha256, digest: digest))
    }
}
