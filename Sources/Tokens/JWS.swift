public import AttestationCore
import Crypto

/// Compact JWS (RFC 7515) with ES256: what an EAR token is on the wire.
public enum JWS {
    /// Largest token accepted for verification.
    public static let maxTokenLength = 256 * 1024

    /// Signs a claims set: header `{"alg":"ES256","typ":"JWT","kid":…}`.
    public static func sign(_ claims: JSONValue, with key: TokenSigningKey) throws -> String {
        let header: JSONValue = ["alg": "ES256", "typ": "JWT", "kid": .string(key.kid)]
        let signingInput =
            Base64.encodeURL(header.compactBytes) + "." + Base64.encodeURL(claims.compactBytes)
        let signature = try key.privateKey.signature(for: Array(signingInput.utf8))
        return signingInput + "." + Base64.encodeURL(signature.rawRepresentation)
    }

    /// A token split into its parts, not yet verified.
    public struct Parts: Sendable {
        /// The decoded protected header.
        public let header: JSONValue
        /// The decoded payload.
        public let payload: JSONValue
        /// The bytes the signature covers: `base64url(header) "." base64url(payload)`.
        public let signingInput: [UInt8]
        /// The raw signature.
        public let signature: [UInt8]
    }

    /// Splits and decodes a compact JWS without verifying it.
    public static func decode(_ token: String) throws -> Parts {
        guard token.utf8.count <= maxTokenLength else {
            throw TokenError.malformedToken("longer than \(maxTokenLength) bytes")
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw TokenError.malformedToken("expected three dot-separated parts, found \(parts.count)")
        }
        do {
            let header = try JSONValue(parsing: try Base64.decode(parts[0]))
            let payload = try JSONValue(parsing: try Base64.decode(parts[1]))
            return Parts(
                header: header, payload: payload, signingInput: Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count)),
                signature: try Base64.decode(parts[2]))
        } catch let error as AttestationCoreError {
            throw TokenError.malformedToken("\(error)")
        }
    }
}
