/// Why a token or key could not be produced, read or verified.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token is not a compact JWS (three base64url parts).
    case malformedToken(String)
    /// The header names an algorithm other than ES256.
    case unsupportedAlgorithm(String)
    /// No key in the JWKS has the token's `kid`.
    case unknownKey(kid: String)
    /// The signature does not verify with the key named by `kid`.
    case badSignature(kid: String)
    /// The token's `exp` is in the past.
    case expired(expiredAt: Int64, now: Int64)
    /// The token's `nbf`/`iat` is in the future.
    case notYetValid(validFrom: Int64, now: Int64)
    /// The token's `aud` does not include the expected audience.
    case wrongAudience(expected: String, actual: String)
    /// The token's `iss` is not the expected issuer.
    case wrongIssuer(expected: String, actual: String)
    /// A key file or JWK/JWKS document is invalid.
    case invalidKey(String)
    /// A key file could not be written or read.
    case keyFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformedToken(let reason): return "malformed token: \(reason)"
        case .unsupportedAlgorithm(let alg): return "token algorithm \(alg) is not accepted (Assay issues and accepts ES256)"
        case .unknownKey(let kid):
            return "no key with kid \"\(kid)\" in the JWKS; fetch the issuer's current /.well-known/jwks.json"
        case .badSignature(let kid): return "token signature does not verify with key \"\(kid)\": the token was altered or signed by another key"
        case .expired(let expiredAt, let now): return "token expired at \(expiredAt) (now \(now)); attest again for a fresh token"
        case .notYetValid(let validFrom, let now): return "token is not valid before \(validFrom) (now \(now)); check the clocks"
        case .wrongAudience(let expected, let actual): return "token audience is \(actual), expected \(expected)"
        case .wrongIssuer(let expected, let actual): return "token issuer is \(actual), expected \(expected)"
        case .invalidKey(let reason): return "invalid key: \(reason)"
        case .keyFile(let path, let reason): return "key file \(path): \(reason)"
        }
    }
}
