public import AttestationCore
import Crypto

/// The JWK of a certificate's EC key, to compare with an EAR token's `assay.tee_pubkey` (passport mode).
public enum CertificateKeyJWK {
    /// `{"kty": "EC", "crv": "P-256"|"P-384", "x", "y"}` for an EC P-256 or P-384 SPKI; nil for other keys.
    public static func members(spki: [UInt8]) -> [String: JSONValue]? {
        let (curve, point): (String, [UInt8])
        if let key = try? P256.Signing.PublicKey(derRepresentation: spki) {
            (curve, point) = ("P-256", Array(key.x963Representation))
        } else if let key = try? P384.Signing.PublicKey(derRepresentation: spki) {
            (curve, point) = ("P-384", Array(key.x963Representation))
        } else {
            return nil
        }
        let half = (point.count - 1) / 2
        return [
            "kty": "EC", "crv": .string(curve), "x": .string(Base64.encodeURL(point[1...half])),
            "y": .string(Base64.encodeURL(point[(half + 1)...])),
        ]
    }

    /// Whether `jwk` is the same EC public key as `spki`.
    public static func matches(_ jwk: [String: JSONValue], spki: [UInt8]) -> Bool {
        guard let own = members(spki: spki) else { return false }
        return ["kty", "crv", "x", "y"].allSatisfy { jwk[$0] != nil && jwk[$0] == own[$0] }
    }
}
