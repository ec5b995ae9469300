import Crypto

extension TPMAlgorithmID {
    /// The hash algorithms whose digests Assay computes (PCR banks, names, signatures, KDFs).
    public static let supportedHashes: [TPMAlgorithmID] = [.sha1, .sha256, .sha384, .sha512]

    /// The digest size in bytes of a hash algorithm this build computes, or nil.
    public var digestSize: Int? {
        switch self {
        case .sha1: return 20
        case .sha256: return 32
        case .sha384: return 48
        case .sha512: return 64
        default: return nil
        }
    }

    /// Whether this is a hash algorithm this build computes.
    public var isSupportedHash: Bool { digestSize != nil }

    /// The digest of `bytes` under this hash algorithm; throws for algorithms this build does not compute.
    public func hash(_ bytes: some Sequence<UInt8>, field: String) throws -> [UInt8] {
        let data = Array(bytes)
        switch self {
        case .sha1: return Array(Insecure.SHA1.hash(data: data))
        case .sha256: return Array(SHA256.hash(data: data))
        case .sha384: return Array(SHA384.hash(data: data))
        case .sha512: return Array(SHA512.hash(data: data))
        default: throw TPMError.unsupportedAlgorithm(field: field, algorithm: self)
        }
    }

    /// HMAC of `message` under `key` with this hash algorithm; throws for algorithms this build does not compute.
    func hmac(key: [UInt8], _ message: [UInt8], field: String) throws -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch self {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha384: return Array(HMAC<SHA384>.authenticationCode(for: message, using: key))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        default: throw TPMError.unsupportedAlgorithm(field: field, algorithm: self)
        }
    }
}
