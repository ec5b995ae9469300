public import AttestationCore
public import Crypto

/// The workload's key-agreement key (`tee_pubkey`): an EC P-256 JWK bound into the evidence through report data,
/// to which released secrets are sealed.
public struct TEEPublicKey: Sendable, Hashable {
    /// The key.
    public let key: P256.KeyAgreement.PublicKey

    public init(key: P256.KeyAgreement.PublicKey) { self.key = key }

    /// Reads an EC P-256 JWK (`kty` EC, `crv` P-256, base64url `x` and `y` of 32 bytes each).
    public init(jwk: [String: JSONValue]) throws(KeyBrokerError) {
        guard jwk["kty"]?.stringValue == "EC", jwk["crv"]?.stringValue == "P-256" else {
            throw .invalidTEEKey("only EC P-256 JWKs (kty EC, crv P-256) are supported")
        }
        guard let x = jwk["x"]?.stringValue, let y = jwk["y"]?.stringValue, x.utf8.count <= 64, y.utf8.count <= 64,
            let xBytes = try? Base64.decode(x), let yBytes = try? Base64.decode(y), xBytes.count == 32, yBytes.count == 32,
            let key = try? P256.KeyAgreement.PublicKey(rawRepresentation: xBytes + yBytes)
        else {
            throw .invalidTEEKey("x and y must be 32-byte base64url coordinates of a point on P-256")
        }
        self.key = key
    }

    /// The JWK JSON object (`use: enc`).
    public var jwk: JSONValue {
        let raw = Array(key.rawRepresentation)
        return .object([
            "kty": "EC", "crv": "P-256", "x": .string(Base64.encodeURL(raw[0..<32])),
            "y": .string(Base64.encodeURL(raw[32..<64])), "use": "enc",
        ])
    }

    public static func == (lhs: TEEPublicKey, rhs: TEEPublicKey) -> Bool {
        lhs.key.rawRepresentation == rhs.key.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(key.rawRepresentation) }
}
