import Crypto
import _CryptoExtras

/// The JWS algorithms (RFC 7518 §3, RFC 8037) the JWT built-ins sign and verify with. `none` is not one of them: an
/// unsecured token never verifies.
enum JWSAlgorithm: String, Sendable, CaseIterable {
    case hs256 = "HS256", hs384 = "HS384", hs512 = "HS512"
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
    case es256 = "ES256", es384 = "ES384", es512 = "ES512"
    case eddsa = "EdDSA"

    /// Whether this is an HMAC algorithm, verified with a shared secret rather than a public key.
    var isHMAC: Bool { self == .hs256 || self == .hs384 || self == .hs512 }

    /// Whether `signature` over `input` is valid under `key`. A key of another type than the algorithm needs (an RSA
    /// key for ES256, a secret for RS256, a P-384 key for ES256) never verifies.
    func verify(_ signature: [UInt8], over input: [UInt8], with key: JWTPublicKey) -> Bool {
        switch (self, key) {
        case (.hs256, .secret(let secret)):
            return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: SymmetricKey(data: secret))
        case (.hs384, .secret(let secret)):
            return HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: input, using: SymmetricKey(data: secret))
        case (.hs512, .secret(let secret)):
            return HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: input, using: SymmetricKey(data: secret))
        case (.rs256, .rsa(let k)):
            return k.isValidSignature(.init(rawRepresentation: signature), for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5)
        case (.rs384, .rsa(let k)):
            return k.isValidSignature(.init(rawRepresentation: signature), for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5)
        case (.rs512, .rsa(let k)):
            return k.isValidSignature(.init(rawRepresentation: signature), for: SHA512.hash(data: input), padding: .insecurePKCS1v1_5)
        case (.ps256, .rsa(let k)):
            return k.isValidSignature(.init(rawRepresentation: signature), for: SHA256.hash(data: input), padding: .PSS)
        case (.ps384, .rsa(let k)):
            return k.isValidSignature(.init(rawRepresentation: signature), for: SHA384.hash(data: input), padding: .PSS)
        case (.ps512, .rsa(let k)):
            return k.isValidSignature(.init(rawRepresentation: signature), for: SHA512.hash(data: input), padding: .PSS)
        case (.es256, .p256(let k)):
            guard let s = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return k.isValidSignature(s, for: SHA256.hash(data: input))
        case (.es384, .p384(let k)):
            guard let s = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return k.isValidSignature(s, for: SHA384.hash(data: input))
        case (.es512, .p521(let k)):
            guard let s = try? P521.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return k.isValidSignature(s, for: SHA512.hash(data: input))
        case (.eddsa, .ed25519(let k)):
            return k.isValidSignature(signature, for: input)
        default:
            return false
        }
    }

    /// Signs `input` with `key`; fails when the key's type does not fit the algorithm.
    func sign(_ input: [UInt8], with key: JWTPrivateKey) throws(JWTError) -> [UInt8] {
        do {
            switch (self, key) {
            case (.hs256, .secret(let secret)):
                return Array(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
            case (.hs384, .secret(let secret)):
                return Array(HMAC<SHA384>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
            case (.hs512, .secret(let secret)):
                return Array(HMAC<SHA512>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
            case (.rs256, .rsa(let k)):
                return Array(try k.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
            case (.rs384, .rsa(let k)):
                return Array(try k.signature(for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
            case (.rs512, .rsa(let k)):
                return Array(try k.signature(for: SHA512.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
            case (.ps256, .rsa(let k)):
                return Array(try k.signature(for: SHA256.hash(data: input), padding: .PSS).rawRepresentation)
            case (.ps384, .rsa(let k)):
                return Array(try k.signature(for: SHA384.hash(data: input), padding: .PSS).rawRepresentation)
            case (.ps512, .rsa(let k)):
                return Array(try k.signature(for: SHA512.hash(data: input), padding: .PSS).rawRepresentation)
            case (.es256, .p256(let k)):
                return Array(try k.signature(for: SHA256.hash(data: input)).rawRepresentation)
            case (.es384, .p384(let k)):
                return Array(try k.signature(for: SHA384.hash(data: input)).rawRepresentation)
            case (.es512, .p521(let k)):
                return Array(try k.signature(for: SHA512.hash(data: input)).rawRepresentation)
            case (.eddsa, .ed25519(let k)):
                return Array(try k.signature(for: input))
            default:
                throw JWTError.signing("the key does not fit the \(rawValue) algorithm")
            }
        } catch let error as JWTError { throw error } catch { throw .signing("\(rawValue) signing failed: \(error)") }
    }
}
