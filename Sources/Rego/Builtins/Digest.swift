import Crypto

/// MD5, SHA-1, SHA-256 and SHA-512 and HMAC over them, for the crypto.* built-ins, from swift-crypto.
enum Digest {
    /// The supported hash functions.
    enum Algorithm {
        case md5, sha1, sha256, sha512
    }

    static func hash(_ algorithm: Algorithm, _ message: [UInt8]) -> [UInt8] {
        switch algorithm {
        case .md5: Array(Insecure.MD5.hash(data: message))
        case .sha1: Array(Insecure.SHA1.hash(data: message))
        case .sha256: Array(SHA256.hash(data: message))
        case .sha512: Array(SHA512.hash(data: message))
        }
    }

    static func hmac(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch algorithm {
        case .md5: return Array(HMAC<Insecure.MD5>.authenticationCode(for: message, using: key))
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }
}
