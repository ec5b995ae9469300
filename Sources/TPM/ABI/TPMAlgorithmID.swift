import AttestationCore

/// A TPM_ALG_ID (TCG Algorithm Registry): hash, signature, key and symmetric algorithm identifiers.
public struct TPMAlgorithmID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// TPM_ALG_RSA.
    public static let rsa = Self(rawValue: 0x0001)
    /// TPM_ALG_SHA1.
    public static let sha1 = Self(rawValue: 0x0004)
    /// TPM_ALG_HMAC.
    public static let hmac = Self(rawValue: 0x0005)
    /// TPM_ALG_AES.
    public static let aes = Self(rawValue: 0x0006)
    /// TPM_ALG_KEYEDHASH.
    public static let keyedHash = Self(rawValue: 0x0008)
    /// TPM_ALG_XOR.
    public static let xor = Self(rawValue: 0x000A)
    /// TPM_ALG_SHA256.
    public static let sha256 = Self(rawValue: 0x000B)
    /// TPM_ALG_SHA384.
    public static let sha384 = Self(rawValue: 0x000C)
    /// TPM_ALG_SHA512.
    public static let sha512 = Self(rawValue: 0x000D)
    /// TPM_ALG_NULL.
    public static let null = Self(rawValue: 0x0010)
    /// TPM_ALG_SM3_256.
    public static let sm3_256 = Self(rawValue: 0x0012)
    /// TPM_ALG_SM4.
    public static let sm4 = Self(rawValue: 0x0013)
    /// TPM_ALG_RSASSA (PKCS#1 v1.5 signatures).
    public static let rsassa = Self(rawValue: 0x0014)
    /// TPM_ALG_RSAES (PKCS#1 v1.5 encryption).
    public static let rsaes = Self(rawValue: 0x0015)
    /// TPM_ALG_RSAPSS.
    public static let rsapss = Self(rawValue: 0x0016)
    /// TPM_ALG_OAEP.
    public static let oaep = Self(rawValue: 0x0017)
    /// TPM_ALG_ECDSA.
    public static let ecdsa = Self(rawValue: 0x0018)
    /// TPM_ALG_ECDH.
    public static let ecdh = Self(rawValue: 0x0019)
    /// TPM_ALG_ECDAA.
    public static let ecdaa = Self(rawValue: 0x001A)
    /// TPM_ALG_SM2.
    public static let sm2 = Self(rawValue: 0x001B)
    /// TPM_ALG_ECSCHNORR.
    public static let ecschnorr = Self(rawValue: 0x001C)
    /// TPM_ALG_ECMQV.
    public static let ecmqv = Self(rawValue: 0x001D)
    /// TPM_ALG_KDF1_SP800_56A.
    public static let kdf1SP800_56A = Self(rawValue: 0x0020)
    /// TPM_ALG_KDF1_SP800_108.
    public static let kdf1SP800_108 = Self(rawValue: 0x0022)
    /// TPM_ALG_ECC.
    public static let ecc = Self(rawValue: 0x0023)
    /// TPM_ALG_SYMCIPHER.
    public static let symCipher = Self(rawValue: 0x0025)
    /// TPM_ALG_CAMELLIA.
    public static let camellia = Self(rawValue: 0x0026)
    /// TPM_ALG_SHA3_256.
    public static let sha3_256 = Self(rawValue: 0x0027)
    /// TPM_ALG_SHA3_384.
    public static let sha3_384 = Self(rawValue: 0x0028)
    /// TPM_ALG_SHA3_512.
    public static let sha3_512 = Self(rawValue: 0x0029)
    /// TPM_ALG_CTR.
    public static let ctr = Self(rawValue: 0x0040)
    /// TPM_ALG_OFB.
    public static let ofb = Self(rawValue: 0x0041)
    /// TPM_ALG_CBC.
    public static let cbc = Self(rawValue: 0x0042)
    /// TPM_ALG_CFB.
    public static let cfb = Self(rawValue: 0x0043)
    /// TPM_ALG_ECB.
    public static let ecb = Self(rawValue: 0x0044)

    static let names: [UInt16: String] = [
        0x0001: "rsa", 0x0004: "sha1", 0x0005: "hmac", 0x0006: "aes", 0x0008: "keyedhash", 0x000A: "xor",
        0x000B: "sha256", 0x000C: "sha384", 0x000D: "sha512", 0x0010: "null", 0x0012: "sm3_256", 0x0013: "sm4", 0x0014: "rsassa",
        0x0015: "rsaes", 0x0016: "rsapss", 0x0017: "oaep", 0x0018: "ecdsa", 0x0019: "ecdh", 0x001A: "ecdaa",
        0x001B: "sm2", 0x001C: "ecschnorr", 0x001D: "ecmqv", 0x0020: "kdf1_sp800_56a", 0x0022: "kdf1_sp800_108",
        0x0023: "ecc", 0x0025: "symcipher", 0x0026: "camellia", 0x0027: "sha3_256", 0x0028: "sha3_384",
        0x0029: "sha3_512", 0x0040: "ctr", 0x0041: "ofb", 0x0042: "cbc", 0x0043: "cfb", 0x0044: "ecb",
    ]

    /// The lowercase name used by tpm2-tools and in claims (`sha256`, `rsassa`), or `0x…` for unknown values.
    public var name: String { Self.names[rawValue] ?? "0x" + Hex.encode([UInt8(rawValue >> 8), UInt8(rawValue & 0xff)]) }

    public var description: String { name }

    /// The algorithm with this lowercase name (`sha256`), if it is one this registry knows.
    public init?(name: String) {
        guard let entry = Self.names.first(where: { $0.value == name.lowercased() }) else { return nil }
        self.init(rawValue: entry.key)
    }
}
