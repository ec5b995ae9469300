public import AttestationCore
import Crypto

/// Verifies Assay tokens against a JWKS: ES256 signature by the key named in `kid`, `exp`/`nbf`/`iat` against
/// the clock (with leeway), and optionally the issuer and audience.
public struct TokenVerifier: Sendable {
    /// The keys trusted to have signed tokens.
    public let jwks: JWKS
    /// The clock.
    public let clock: any TimeSource
    /// Allowed clock skew, in seconds.
    public let leeway: Int64
    /// If set, `iss` must equal it.
    public let issuer: String?
    /// If set, `aud` must equal it or contain it.
    public let audience: String?

    public init(
        jwks: JWKS, clock: any TimeSource = SystemTimeSource(), leeway: Int64 = 30, issuer: String? = nil,
        audience: String? = nil
    ) {
        self.jwks = jwks
        self.clock = clock
        self.leeway = leeway
        self.issuer = issuer
        self.audience = audience
    }

    /// Verifies a token and returns its claims set.
    public func verify(_ token: String) throws -> JSONValue {
        let parts = try JWS.decode(token)
        let alg = parts.header["alg"]?.stringValue ?? "none"
        guard alg == "ES256" else { throw TokenError.unsupportedAlgorithm(alg) }
        guard let kid = parts.header["kid"]?.stringValue else { throw TokenError.malformedToken("header has no kid") }
        guard let key = jwks.key(for: kid) else { throw TokenError.unknownKey(kid: kid) }
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: parts.signature),
            key.publicKey.isValidSignature(signature, for: parts.signingInput)
        else { throw TokenError.badSignature(kid: kid) }

        let now = Int64(clock.now().timeIntervalSince1970)
        let claims = parts.payload
        guard claims.objectValue != nil else { throw TokenError.malformedToken("payload is not a JSON object") }
        guard let exp = claims["exp"]?.integerValue else { throw TokenError.malformedToken("no exp claim") }
        guard now <= exp + leeway else { throw TokenError.expired(expiredAt: exp, now: now) }
        for name in ["nbf", "iat"] {
            if let start = claims[name]?.integerValue, now + leeway < start {
                throw TokenError.notYetValid(validFrom: start, now: now)
            }
        }
        if let issuer {
            let actual = claims["iss"]?.stringValue ?? "absent"
            guard actual == issuer else { throw TokenError.wrongIssuer(expected: issuer, actual: actual) }
        }
        if let audience {
            let actual = claims["aud"]
            let audiences = actual?.arrayValue?.compactMap(\.stringValue) ?? actual?.stringValue.map { [$0] } ?? []
            guard audiences.contains(audience) else {
                throw TokenError.wrongAudience(expected: audience, actual: actual?.compactText ?? "absent")
            }
        }
        return claims
    }
}
