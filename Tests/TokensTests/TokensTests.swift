import AttestationCore
import Crypto
import Foundation
import Testing
import Tokens

@Suite struct TokensTests {
    let key = TokenSigningKey()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func claims(exp: Int64 = 1_800_000_300, extra: [String: JSONValue] = [:]) -> JSONValue {
        var members: [String: JSONValue] = ["iss": "assay", "iat": 1_800_000_000, "exp": .integer(exp), "aud": "kbs"]
        members.merge(extra) { _, new in new }
        return .object(members)
    }

    func verifier(_ keys: [JWK]? = nil, audience: String? = nil) -> TokenVerifier {
        TokenVerifier(jwks: JWKS(keys: keys ?? [key.jwk]), clock: FixedTimeSource(now), audience: audience)
    }

    @Test func signedTokensVerify() throws {
        let token = try JWS.sign(claims(), with: key)
        #expect(try verifier().verify(token) == claims())
        #expect(try verifier(audience: "kbs").verify(token) == claims())
        let header = try JWS.decode(token).header
        #expect(header["kid"] == .string(key.kid))
        #expect(header["alg"] == "ES256")
    }

    @Test func tamperedTokensAreRejected() throws {
        let token = try JWS.sign(claims(), with: key)
        let parts = token.split(separator: ".").map(String.init)
        let forgedPayload = Base64.encodeURL(Array(claims(extra: ["iss": "mallory"]).compactText.utf8))
        #expect(throws: TokenError.badSignature(kid: key.kid)) {
            try verifier().verify([parts[0], forgedPayload, parts[2]].joined(separator: "."))
        }
        #expect(throws: TokenError.unknownKey(kid: key.kid)) { try verifier([TokenSigningKey().jwk]).verify(token) }
        let none = Base64.encodeURL(Array(#"{"alg":"none","kid":"x"}"#.utf8))
        #expect(throws: TokenError.unsupportedAlgorithm("none")) {
            try verifier().verify([none, parts[1], ""].joined(separator: "."))
        }
        for garbage in ["", "a.b", "a.b.c.d", "!!!.???.***", String(repeating: "a", count: JWS.maxTokenLength + 1)] {
            #expect(throws: TokenError.self) { try verifier().verify(garbage) }
        }
    }

    @Test func lifetimeAndAudienceAreEnforced() throws {
        let expired = try JWS.sign(claims(exp: 1_799_999_000), with: key)
        #expect(throws: TokenError.expired(expiredAt: 1_799_999_000, now: 1_800_000_000)) { try verifier().verify(expired) }
        let future = try JWS.sign(claims(extra: ["iat": 1_800_001_000]), with: key)
        #expect(throws: TokenError.self) { try verifier().verify(future) }
        let token = try JWS.sign(claims(), with: key)
        #expect(throws: TokenError.self) { try verifier(audience: "other").verify(token) }
    }

    @Test func jwksRoundTripAndThumbprint() throws {
        let jwks = JWKS(keys: [key.jwk, TokenSigningKey().jwk])
        let parsed = try JWKS(json: try JSONValue(parsing: jwks.json.compactText))
        #expect(parsed.keys.map(\.kid) == jwks.keys.map(\.kid))
        #expect(parsed.keys[0].publicKey.rawRepresentation == key.privateKey.publicKey.rawRepresentation)
        #expect(key.kid.count == 43)
        #expect(throws: TokenError.self) { try JWK(json: ["kty": "RSA", "n": "AQAB", "e": "AQAB"]) }
        #expect(throws: TokenError.self) { try JWK(json: ["kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"]) }
    }

    @Test func keyFilesArePrivateAndNeverOverwritten() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-key-\(UUID().uuidString).pem").path
        try key.write(to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try TokenSigningKey(contentsOf: path).kid == key.kid)
        #expect(throws: TokenError.self) { try TokenSigningKey().write(to: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: TokenError.self) { try TokenSigningKey(contentsOf: path) }
    }

    @Test func earClaimsSetHasTheProfileAndSubmodules() {
        let set = EARClaimsSet(
            issuer: "assay", issuedAt: now, expiresAt: now + 300, nonce: "n", verifierBuild: "test",
            appraisals: [
                "sample": EARAppraisal(
                    status: .warning, vector: TrustworthinessVector([.executables: .unrecognizedRuntime]),
                    policyID: "p", policyDigest: "d", claims: ["measurement": "ab"], reasons: [])
            ])
        let json = set.json
        #expect(json["eat_profile"] == .string(EARClaimsSet.profile))
        #expect(json["eat_nonce"] == "n")
        #expect(json["exp"] == .integer(1_800_000_300))
        #expect(json["submods"]?["sample"]?["ear.status"] == "warning")
        #expect(json["submods"]?["sample"]?["ear.trustworthiness-vector"]?["executables"] == 33)
        #expect(set.status == .warning)
    }
}
