/// The constraints object of `io.jwt.decode_verify`: exactly one key (`cert` or `secret`) and optional `alg`, `iss`,
/// `aud` and `time` (nanoseconds since the epoch; the evaluation's clock when absent).
struct JWTConstraints: Sendable {
    /// What verifies the signature.
    enum KeyMaterial: Sendable {
        /// A PEM certificate, PEM public key, JWK or JWK set: only asymmetric algorithms.
        case certificate([JWTVerificationKey])
        /// A shared secret: only HMAC algorithms.
        case secret([UInt8])
    }

    let key: KeyMaterial
    let algorithm: String?
    let issuer: String?
    let audience: String?
    /// The instant claims are checked at, in nanoseconds (a double, as `exp`/`nbf` may be fractional seconds).
    let time: Double

    /// Reads the constraints; unknown members, a missing or doubled key, or a member of the wrong type are errors.
    init(_ object: ObjectValue, nowNanoseconds: Int, limits: Limits) throws(JWTError) {
        var key: KeyMaterial?
        var algorithm: String?, issuer: String?, audience: String?
        var time = Double(nowNanoseconds)
        for (k, v) in object.pairs {
            guard case .string(let name) = k else { throw .constraint("token validation constraint names must be strings") }
            switch name {
            case "cert":
                guard key == nil else { throw .constraint("duplicate key constraints") }
                guard case .string(let text) = v else { throw .constraint("cert constraint must be a string") }
                key = .certificate(try JWTKeys.verificationKeys(from: text, limits: limits))
            case "secret":
                guard key == nil else { throw .constraint("duplicate key constraints") }
                guard case .string(let text) = v else { throw .constraint("secret constraint must be a string") }
                key = .secret(Array(text.utf8))
            case "alg", "iss", "aud":
                guard case .string(let text) = v else { throw .constraint("\(name) constraint must be a string") }
                switch name {
                case "alg": algorithm = text
                case "iss": issuer = text
                default: audience = text
                }
            case "time":
                guard case .number(let n) = v else { throw .constraint("time constraint must be a number") }
                time = n.doubleValue
            default:
                throw .constraint("unknown token validation constraint: \(name)")
            }
        }
        guard let key else { throw .constraint("no key constraint") }
        self.key = key
        self.algorithm = algorithm
        self.issuer = issuer
        self.audience = audience
        self.time = time
    }

    /// Whether `signature` over `input` verifies under these constraints' key for the header's algorithm. An HMAC
    /// algorithm needs the secret and any other algorithm needs `cert`, so a public key is never used as an HMAC secret.
    func verifies(_ signature: [UInt8], over input: [UInt8], algorithm: JWSAlgorithm, keyID: String?) -> Bool {
        switch key {
        case .secret(let secret):
            return algorithm.isHMAC && algorithm.verify(signature, over: input, with: .secret(secret))
        case .certificate(let keys):
            guard !algorithm.isHMAC else { return false }
            return JWTConstraints.verifies(signature, over: input, algorithm: algorithm, keyID: keyID, keys: keys)
        }
    }

    /// Verifies with the key whose `kid` matches the header's when there is one, else with each key whose `alg` is
    /// absent or the header's, as OPA does.
    static func verifies(_ signature: [UInt8], over input: [UInt8], algorithm: JWSAlgorithm, keyID: String?, keys: [JWTVerificationKey]) -> Bool {
        if let keyID, let match = keys.first(where: { $0.keyID == keyID }) {
            return algorithm.verify(signature, over: input, with: match.key)
        }
        for key in keys where key.algorithm == nil || key.algorithm == algorithm.rawValue {
            if algorithm.verify(signature, over: input, with: key.key) { return true }
        }
        return false
    }

    /// Whether the registered claims (RFC 7519 §4.1) meet the constraints: `iss` equal when constrained, `aud`
    /// present exactly when constrained and then containing it, `exp` after and `nbf` at or before `time`.
    /// A non-numeric `exp` or `nbf` is an error, not a verdict.
    func claimsHold(_ claims: ObjectValue) throws(JWTError) -> Bool {
        if let issuer {
            guard claims["iss"] == .string(issuer) else { return false }
        }
        if let aud = claims["aud"] {
            guard let audience else { return false }
            switch aud {
            case .string(let s): guard s == audience else { return false }
            case .array(let items): guard items.contains(.string(audience)) else { return false }
            default: return false
            }
        } else if audience != nil {
            return false
        }
        if let exp = claims["exp"] {
            guard case .number(let n) = exp else { throw .claim("exp value must be a number") }
            if time >= n.doubleValue * 1_000_000_000 { return false }
        }
        if let nbf = claims["nbf"] {
            guard case .number(let n) = nbf else { throw .claim("nbf value must be a number") }
            if time < n.doubleValue * 1_000_000_000 { return false }
        }
        return true
    }
}
