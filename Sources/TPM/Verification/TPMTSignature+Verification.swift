public import PKI
import Crypto
import _CryptoExtras

extension TPMTSignature {
    /// Whether this signature is valid over `message` (hashed with ``hash``) under `key`.
    ///
    /// RSASSA and RSAPSS need an RSA key (PSS with a salt as long as the digest, as TPMs sign), ECDSA a P-256 or
    /// P-384 key; any other pairing, or a hash this build does not compute, is invalid.
    public func isValid(over message: [UInt8], key: VerificationKey) -> Bool {
        switch hash {
        case .sha1: return isValid(over: message, key: key, using: Insecure.SHA1.self)
        case .sha256: return isValid(over: message, key: key, using: SHA256.self)
        case .sha384: return isValid(over: message, key: key, using: SHA384.self)
        case .sha512: return isValid(over: message, key: key, using: SHA512.self)
        default: return false
        }
    }

    func isValid<H: HashFunction>(over message: [UInt8], key: VerificationKey, using: H.Type) -> Bool {
        let digest = H.hash(data: message)
        switch (value, key) {
        case (.rsassa(let signature), .rsa(let key)):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: .insecurePKCS1v1_5)
        case (.rsapss(let signature), .rsa(let key)):
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: .PSS)
        case (.ecdsa(let r, let s), .p256(let key)):
            guard let raw = Self.rawECDSA(r: r, s: s, size: 32),
                let signature = try? P256.Signing.ECDSASignature(rawRepresentation: raw)
            else { return false }
            return key.isValidSignature(signature, for: digest)
        case (.ecdsa(let r, let s), .p384(let key)):
            guard let raw = Self.rawECDSA(r: r, s: s, size: 48),
                let signature = try? P384.Signing.ECDSASignature(rawRepresentation: raw)
            else { return false }
            return key.isValidSignature(signature, for: digest)
        default:
            return false
        }
    }

    /// r ‖ s, each left-padded to `size` (a TPM may drop leading zero bytes); nil when one is too long.
    static func rawECDSA(r: [UInt8], s: [UInt8], size: Int) -> [UInt8]? {
        let r = r.drop { $0 == 0 }
        let s = s.drop { $0 == 0 }
        guard r.count <= size, s.count <= size else { return nil }
        return [UInt8](repeating: 0, count: size - r.count) + r + [UInt8](repeating: 0, count: size - s.count) + s
    }
}
