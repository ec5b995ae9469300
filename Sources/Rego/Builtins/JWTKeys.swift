import Crypto
import _CryptoExtras
import X509

/// A key that checks JWS signatures: an asymmetric public key or an HMAC secret.
enum JWTPublicKey: Sendable {
    case rsa(_RSA.Signing.PublicKey)
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case p521(P521.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)
    case secret([UInt8])
}

/// A key that makes JWS signatures.
enum JWTPrivateKey: Sendable {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case p521(P521.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)
    case secret([UInt8])
}

/// A verification key with the JWK metadata that selects it (`kid`, `alg`).
struct JWTVerificationKey: Sendable {
    let key: JWTPublicKey
    let keyID: String?
    let algorithm: String?
}

/// Reads keys the way OPA's JWT built-ins accept them: a PEM certificate, a PEM public key, a JWK or a JWK set.
enum JWTKeys {
    /// The most keys read from one JWK set.
    static let maxKeysInSet = 64

    /// The verification keys in `text`: a PEM `CERTIFICATE` or `PUBLIC KEY` block, else a JWK or JWK set.
    static func verificationKeys(from text: String, limits: Limits) throws(JWTError) -> [JWTVerificationKey] {
        if let (block, _) = PEMBlock.first(in: Array(text.utf8)) {
            switch block.type {
            case "CERTIFICATE":
                guard let certificate = try? Certificate(derEncoded: block.bytes), let key = publicKey(certificate.publicKey) else {
                    throw .key("failed to parse a PEM certificate")
                }
                return [JWTVerificationKey(key: key, keyID: nil, algorithm: nil)]
            case "PUBLIC KEY":
                guard let spki = try? Certificate.PublicKey(derEncoded: block.bytes), let key = publicKey(spki) else {
                    throw .key("failed to parse a PEM public key")
                }
                return [JWTVerificationKey(key: key, keyID: nil, algorithm: nil)]
            default:
                throw .key("failed to extract a Key from the PEM certificate")
            }
        }
        let parseFailure = JWTError.key("failed to parse a JWK key (set)")
        guard case .object(let object) = try? Value(json: text, limits: limits) else { throw parseFailure }
        if let keys = object["keys"] {
            guard case .array(let members) = keys, members.count <= maxKeysInSet else { throw parseFailure }
            var result: [JWTVerificationKey] = []
            for case .object(let jwk) in members {
                guard let key = try? publicKey(jwk: jwk) else { throw parseFailure }
                result.append(JWTVerificationKey(key: key, keyID: jwk["kid"]?.stringValue, algorithm: jwk["alg"]?.stringValue))
            }
            guard result.count == members.count else { throw parseFailure }
            return result
        }
        guard let key = try? publicKey(jwk: object) else { throw parseFailure }
        return [JWTVerificationKey(key: key, keyID: object["kid"]?.stringValue, algorithm: object["alg"]?.stringValue)]
    }

    /// The public half of an X.509 subject public key, when its algorithm is one JWS uses.
    static func publicKey(_ key: Certificate.PublicKey) -> JWTPublicKey? {
        if let k = _RSA.Signing.PublicKey(key) { return .rsa(k) }
        if let k = P256.Signing.PublicKey(key) { return .p256(k) }
        if let k = P384.Signing.PublicKey(key) { return .p384(k) }
        if let k = P521.Signing.PublicKey(key) { return .p521(k) }
        if let k = Curve25519.Signing.PublicKey(key) { return .ed25519(k) }
        return nil
    }

    /// The public key of a JWK (RFC 7517/7518: `RSA`, `EC`, `OKP`, `oct`).
    static func publicKey(jwk: ObjectValue) throws(JWTError) -> JWTPublicKey {
        switch jwk["kty"]?.stringValue {
        case "RSA":
            let n = try member(jwk, "n"), e = try member(jwk, "e")
            do { return .rsa(try _RSA.Signing.PublicKey(n: n, e: e)) } catch { throw .key("invalid RSA JWK: \(error)") }
        case "EC":
            let x = try member(jwk, "x"), y = try member(jwk, "y")
            do {
                switch jwk["crv"]?.stringValue {
                case "P-256": return .p256(try P256.Signing.PublicKey(x963Representation: try point(x, y, size: 32)))
                case "P-384": return .p384(try P384.Signing.PublicKey(x963Representation: try point(x, y, size: 48)))
                case "P-521": return .p521(try P521.Signing.PublicKey(x963Representation: try point(x, y, size: 66)))
                default: throw JWTError.key("unsupported EC curve \(jwk["crv"]?.jsonText ?? "null")")
                }
            } catch let error as JWTError { throw error } catch { throw .key("invalid EC JWK: \(error)") }
        case "OKP":
            guard jwk["crv"]?.stringValue == "Ed25519" else { throw .key("unsupported OKP curve \(jwk["crv"]?.jsonText ?? "null")") }
            do { return .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: try member(jwk, "x"))) } catch {
                throw .key("invalid Ed25519 JWK: \(error)")
            }
        case "oct":
            return .secret(try member(jwk, "k"))
        default:
            throw .key("unsupported JWK key type \(jwk["kty"]?.jsonText ?? "null")")
        }
    }

    /// The private key of a JWK, for signing.
    static func privateKey(jwk: ObjectValue) throws(JWTError) -> JWTPrivateKey {
        do {
            switch jwk["kty"]?.stringValue {
            case "RSA":
                return .rsa(try _RSA.Signing.PrivateKey(
                    n: try member(jwk, "n"), e: try member(jwk, "e"), d: try member(jwk, "d"),
                    p: try member(jwk, "p"), q: try member(jwk, "q")))
            case "EC":
                let d = try member(jwk, "d")
                switch jwk["crv"]?.stringValue {
                case "P-256": return .p256(try P256.Signing.PrivateKey(rawRepresentation: d))
                case "P-384": return .p384(try P384.Signing.PrivateKey(rawRepresentation: d))
                case "P-521": return .p521(try P521.Signing.PrivateKey(rawRepresentation: d))
                default: throw JWTError.key("unsupported EC curve \(jwk["crv"]?.jsonText ?? "null")")
                }
            case "OKP":
                guard jwk["crv"]?.stringValue == "Ed25519" else { throw JWTError.key("unsupported OKP curve") }
                return .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: try member(jwk, "d")))
            case "oct":
                return .secret(try member(jwk, "k"))
            default:
                throw JWTError.key("unsupported JWK key type \(jwk["kty"]?.jsonText ?? "null")")
            }
        } catch let error as JWTError { throw error } catch { throw .key("invalid private JWK: \(error)") }
    }

    /// A base64url member of a JWK, decoded.
    private static func member(_ jwk: ObjectValue, _ name: String) throws(JWTError) -> [UInt8] {
        guard case .string(let text) = jwk[name] else { throw .key("JWK member \(name) is missing or not a string") }
        do { return try JSONWebToken.decodeSegment(Substring(text)) } catch { throw .key("JWK member \(name): \(error.description)") }
    }

    /// The uncompressed SEC 1 point `04 || x || y`; each coordinate must have the curve's size.
    private static func point(_ x: [UInt8], _ y: [UInt8], size: Int) throws(JWTError) -> [UInt8] {
        guard x.count == size, y.count == size else { throw .key("EC JWK coordinates must have \(size) bytes") }
        return [0x04] + x + y
    }
}
