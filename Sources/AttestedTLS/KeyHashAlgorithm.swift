import Crypto

/// The hash algorithms of a `pubkey-hash` claim, by their IANA Named Information identifiers.
public enum KeyHashAlgorithm: UInt64, Sendable, Hashable, CaseIterable {
    case sha256 = 1
    case sha384 = 7
    case sha512 = 8

    /// The name printed in results.
    public var name: String {
        switch self {
        case .sha256: return "sha-256"
        case .sha384: return "sha-384"
        case .sha512: return "sha-512"
        }
    }

    /// The digest of `bytes`.
    public func digest(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: return Array(SHA256.hash(data: bytes))
        case .sha384: return Array(SHA384.hash(data: bytes))
        case .sha512: return Array(SHA512.hash(data: bytes))
        }
    }
}
