public import AttestationCore
public import Crypto

/// A public JSON Web Key (RFC 7517) for ES256 verification: an EC P-256 key with its `kid`.
public struct JWK: Sendable, Hashable {
    /// The key.
    public let publicKey: P256.Signing.PublicKey
    /// The key identifier: the RFC 7638 SHA-256 thumbprint, base64url.
    public let kid: String

    public init(publicKey: P256.Signing.PublicKey) {
        self.publicKey = publicKey
        self.kid = Self.thumbprint(of: publicKey)
    }

    public static func == (lhs: JWK, rhs: JWK) -> Bool { lhs.kid == rhs.kid }
    public func hash(into hasher: inout Hasher) { hasher.combine(kid) }

    /// The RFC 7638 thumbprint: SHA-256 over `{"crv","kty","x","y"}` in that order, base64url.
    public static func thumbprint(of key: P256.Signing.PublicKey) -> String {
        let (x, y) = coordinates(of: key)
        let canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
        return Base64.encodeURL(SHA256.hash(data: Array(canonical.utf8)))
    }

    static func coordinates(of key: P256.Signing.PublicKey) -> (x: String, y: String) {
        let raw = Array(key.rawRepresentation)
        return (Base64.encodeURL(raw[0..<32]), Base64.encodeURL(raw[32..<64]))
    }

    /// The JWK JSON object, with `use: sig` and `alg: ES256`.
    public var json: JSONValue {
        let (x, y) = Self.coordinates(of: publicKey)
        return .object([
            "kty": "EC", "crv": "P-256", "x": .string(x), "y": .string(y),
            "kid": .string(kid), "use": "sig", "alg": "ES256",
        ])
    }

    /// Reads an EC P-256 JWK; its `kid`, if present, must be the key's thumbprint or is kept as given.
    public init(json: JSONValue) throws {
        guard json["kty"]?.stringValue == "EC", json["crv"]?.stringValue == "P-256" else {
            throw TokenError.invalidKey("only EC P-256 JWKs (kty EC, crv P-256) are supported")
        }
        guard let x = json["x"]?.stringValue, let y = json["y"]?.stringValue,
            let xBytes = try? Base64.decode(x), let yBytes = try? Base64.decode(y),
            xBytes.count == 32, yBytes.count == 32,
            let key = try? P256.Signing.PublicKey(rawRepresentation: xBytes + yBytes)
        else {
            throw TokenError.invalidKey("x and y must be 32-byte base64url coordinates of a P-256 point")
        }
        self.publicKey = key
        self.kid = json["kid"]?.stringValue ?? Self.thumbprint(of: key)
    }
}

/// A JSON Web Key Set: the keys relying parties use to verify Assay's tokens.
public struct JWKS: Sendable, Hashable {
    /// Most keys accepted in one set.
    public static let maxKeys = 100

    /// The keys.
    public var keys: [JWK]

    public init(keys: [JWK]) { self.keys = keys }

    /// `{"keys": [...]}`.
    public var json: JSONValue { .object(["keys": .array(keys.map(\.json))]) }

    /// Reads a JWKS document; keys of other types are skipped, as RFC 7517 §5 allows.
    public init(json: JSONValue) throws {
        guard let list = json["keys"]?.arrayValue else {
            throw TokenError.invalidKey("a JWKS is an object with a \"keys\" array")
        }
        guard list.count <= Self.maxKeys else {
            throw TokenError.invalidKey("JWKS has \(list.count) keys, above the limit of \(Self.maxKeys)")
        }
        keys = list.compactMap { try? JWK(json: $0) }
    }

    /// The key with this `kid`.
    public func key(for kid: String) -> JWK? { keys.first { $0.kid == kid } }
}
