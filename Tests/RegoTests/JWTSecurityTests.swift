import Crypto
import Foundation
import Rego
import Testing
import _CryptoExtras

/// The attacks a JWT verifier must refuse, run against io.jwt.* with keys made fresh in each test.
@Suite("JWT verification")
struct JWTSecurityTests {
    /// 2030-01-01T00:00:00Z: the pinned clock for the expiry tests.
    private static let now = 1_893_456_000

    private func evaluate(_ expression: String, input: Value = .emptyObject, now: Int = JWTSecurityTests.now) throws -> Value? {
        let policy = try Policy(modules: [RegoModule(fileName: "t.rego", source: "package t\nr := \(expression)")])
        var environment = EvaluationEnvironment()
        environment.clock = FixedEvaluationClock(nanoseconds: now * 1_000_000_000)
        environment.strictBuiltinErrors = true
        return try policy.evaluate(document: "data.t.r", input: input, environment: environment)
    }

    private static func b64url(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func b64url(_ text: String) -> String { b64url(Array(text.utf8)) }

    /// A compact token over `header` and `payload` JSON, MAC'd with HS256 under `secret`.
    private static func hs256(header: String, payload: String, secret: [UInt8]) -> String {
        let input = b64url(header) + "." + b64url(payload)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: secret))
        return input + "." + b64url(mac)
    }

    /// Flips one character of the segment `index` (0 header, 1 payload, 2 signature) to another base64url symbol.
    private static func tamper(_ token: String, segment index: Int) -> String {
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var chars = Array(parts[index])
        let i = chars.count / 2
        chars[i] = chars[i] == "A" ? "B" : "A"
        parts[index] = String(chars)
        return parts.joined(separator: ".")
    }

    private static func p256JWK(_ key: P256.Signing.PrivateKey, withPrivate: Bool) -> String {
        let point = Array(key.publicKey.x963Representation)
        var members = #""kty":"EC","crv":"P-256","x":"\#(b64url(point[1...32]))","y":"\#(b64url(point[33...64]))""#
        if withPrivate { members += #","d":"\#(b64url(key.rawRepresentation))""# }
        return "{\(members)}"
    }

    @Test("HS256: the right secret verifies; a wrong secret, a changed payload or a changed signature does not")
    func hmacTampering() throws {
        let token = Self.hs256(header: #"{"alg":"HS256","typ":"JWT"}"#, payload: #"{"sub":"alice","admin":false}"#, secret: Array("s3cret".utf8))
        #expect(try evaluate(#"io.jwt.verify_hs256("\#(token)", "s3cret")"#) == .bool(true))
        #expect(try evaluate(#"io.jwt.verify_hs256("\#(token)", "s3cret!")"#) == .bool(false))
        #expect(try evaluate(#"io.jwt.verify_hs256("\#(Self.tamper(token, segment: 1))", "s3cret")"#) == .bool(false))
        #expect(try evaluate(#"io.jwt.verify_hs256("\#(Self.tamper(token, segment: 2))", "s3cret")"#) == .bool(false))
        // A payload swapped for another one under the original signature.
        let parts = token.split(separator: ".")
        let forged = "\(parts[0]).\(Self.b64url(#"{"sub":"alice","admin":true}"#)).\(parts[2])"
        #expect(try evaluate(#"io.jwt.decode_verify("\#(forged)", {"secret": "s3cret"})"#) == Self.unverified)
        #expect(try evaluate(#"io.jwt.decode_verify("\#(token)", {"secret": "s3cret"})[0]"#) == .bool(true))
    }

    private static let unverified = Value.array([.bool(false), .emptyObject, .emptyObject])

    @Test("alg none never verifies, with or without a signature")
    func algNone() throws {
        let header = Self.b64url(#"{"alg":"none","typ":"JWT"}"#), payload = Self.b64url(#"{"sub":"alice"}"#)
        for token in ["\(header).\(payload).", "\(header).\(payload).\(Self.b64url("x"))"] {
            #expect(try evaluate(#"io.jwt.decode_verify("\#(token)", {"secret": ""})"#) == Self.unverified)
            #expect(try evaluate(#"io.jwt.decode_verify("\#(token)", {"secret": "k", "alg": "none"})"#) == Self.unverified)
            #expect(try evaluate(#"io.jwt.verify_hs256("\#(token)", "")"#) == .bool(false))
        }
        #expect(throws: RegoError.self) {
            try evaluate(#"io.jwt.encode_sign({"alg": "none"}, {}, {"kty": "oct", "k": "AA"})"#)
        }
    }

    @Test("algorithm confusion: an HS256 token MAC'd with the RSA public key's PEM is refused where the PEM is the key")
    func algorithmConfusion() throws {
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let pem = rsa.publicKey.pemRepresentation
        let forged = Self.hs256(header: #"{"alg":"HS256"}"#, payload: #"{"sub":"admin"}"#, secret: Array(pem.utf8))
        let input = try Value(json: #"{"token": "\#(forged)", "pem": \#(Value.string(pem).jsonText)}"#)
        #expect(try evaluate(#"io.jwt.decode_verify(input.token, {"cert": input.pem})"#, input: input) == Self.unverified)
        #expect(try evaluate("io.jwt.verify_rs256(input.token, input.pem)", input: input) == .bool(false))
        #expect(try evaluate("io.jwt.verify_ps256(input.token, input.pem)", input: input) == .bool(false))
        // The same public key as a JWK set is not a secret either.
        let rs = try evaluate(#"io.jwt.encode_sign({"alg": "RS256"}, {"sub": "x"}, crypto.x509.parse_rsa_private_key(input.key))"#,
                              input: try Value(json: #"{"key": \#(Value.string(rsa.pemRepresentation).jsonText)}"#))
        let rsToken = try #require(rs?.stringValue)
        let both = try Value(json: #"{"token": "\#(rsToken)", "pem": \#(Value.string(pem).jsonText)}"#)
        #expect(try evaluate("io.jwt.verify_rs256(input.token, input.pem)", input: both) == .bool(true))
        #expect(try evaluate(#"io.jwt.decode_verify(input.token, {"cert": input.pem})[0]"#, input: both) == .bool(true))
        // An RS256 token offered to the HMAC checks, with the PEM as the secret, is refused too.
        #expect(try evaluate("io.jwt.verify_hs256(input.token, input.pem)", input: both) == .bool(false))
        #expect(try evaluate(#"io.jwt.decode_verify(input.token, {"secret": input.pem})"#, input: both) == Self.unverified)
    }

    @Test("RSA: PKCS #1 and PSS tokens verify with their key only, and only under their own padding")
    func rsaWrongKey() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let input = try Value(json: """
            {"key": \(Value.string(key.pemRepresentation).jsonText), "pub": \(Value.string(key.publicKey.pemRepresentation).jsonText),
             "other": \(Value.string(other.publicKey.pemRepresentation).jsonText)}
            """)
        for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
            let sign = #"io.jwt.encode_sign({"alg": "\#(alg)"}, {"sub": "x"}, crypto.x509.parse_rsa_private_key(input.key))"#
            let token = try #require(try evaluate(sign, input: input)?.stringValue)
            var withToken = try #require(input.objectValue)
            withToken.set(.string("token"), .string(token))
            let i = Value.object(withToken)
            let verify = "io.jwt.verify_\(alg.lowercased())"
            #expect(try evaluate("\(verify)(input.token, input.pub)", input: i) == .bool(true), "\(alg)")
            #expect(try evaluate("\(verify)(input.token, input.other)", input: i) == .bool(false), "\(alg) with another key")
            let crossed = alg.hasPrefix("RS") ? "io.jwt.verify_ps" + alg.dropFirst(2) : "io.jwt.verify_rs" + alg.dropFirst(2)
            #expect(try evaluate("\(crossed)(input.token, input.pub)", input: i) == .bool(false), "\(alg) under the other padding")
            #expect(try evaluate("\(verify)(\"\(Self.tamper(token, segment: 1))\", input.pub)", input: i) == .bool(false))
        }
    }

    @Test("ECDSA and EdDSA: a key of another curve or type never verifies")
    func keyTypeMismatch() throws {
        let p256 = P256.Signing.PrivateKey()
        let jwk = Self.p256JWK(p256, withPrivate: true)
        let token = try #require(try evaluate(#"io.jwt.encode_sign({"alg": "ES256"}, {"sub": "x"}, \#(jwk))"#)?.stringValue)
        let input = try Value(json: """
            {"token": "\(token)", "jwk": \(Value.string(Self.p256JWK(p256, withPrivate: false)).jsonText),
             "pem": \(Value.string(p256.publicKey.pemRepresentation).jsonText),
             "p384": \(Value.string(P384.Signing.PrivateKey().publicKey.pemRepresentation).jsonText),
             "ed": \(Value.string(Curve25519.Signing.PrivateKey().publicKey.pemRepresentation).jsonText),
             "other": \(Value.string(P256.Signing.PrivateKey().publicKey.pemRepresentation).jsonText)}
            """)
        #expect(try evaluate("io.jwt.verify_es256(input.token, input.jwk)", input: input) == .bool(true))
        #expect(try evaluate("io.jwt.verify_es256(input.token, input.pem)", input: input) == .bool(true))
        #expect(try evaluate("io.jwt.verify_es256(input.token, input.other)", input: input) == .bool(false))
        #expect(try evaluate("io.jwt.verify_es384(input.token, input.p384)", input: input) == .bool(false))
        #expect(try evaluate("io.jwt.verify_es384(input.token, input.pem)", input: input) == .bool(false))
        #expect(try evaluate("io.jwt.verify_eddsa(input.token, input.ed)", input: input) == .bool(false))
        #expect(try evaluate(#"io.jwt.decode_verify(input.token, {"cert": input.pem, "alg": "ES384"})"#, input: input) == Self.unverified)
        #expect(try evaluate(#"io.jwt.decode_verify(input.token, {"cert": input.pem, "alg": "ES256"})[0]"#, input: input) == .bool(true))
        #expect(try evaluate("io.jwt.verify_es256(\"\(Self.tamper(token, segment: 2))\", input.pem)", input: input) == .bool(false))
    }

    @Test("a kid in the header selects the JWK set member with that kid; a wrong key under that kid fails")
    func keyIDSelection() throws {
        let right = P256.Signing.PrivateKey(), wrong = P256.Signing.PrivateKey()
        let token = try #require(try evaluate(
            #"io.jwt.encode_sign({"alg": "ES256", "kid": "a"}, {"sub": "x"}, \#(Self.p256JWK(right, withPrivate: true)))"#)?.stringValue)
        func set(_ a: P256.Signing.PrivateKey, _ b: P256.Signing.PrivateKey) -> String {
            let ka = Self.p256JWK(a, withPrivate: false).dropLast() + #","kid":"a"}"#
            let kb = Self.p256JWK(b, withPrivate: false).dropLast() + #","kid":"b"}"#
            return #"{"keys": [\#(ka), \#(kb)]}"#
        }
        let good = try Value(json: #"{"token": "\#(token)", "set": \#(Value.string(set(right, wrong)).jsonText)}"#)
        let bad = try Value(json: #"{"token": "\#(token)", "set": \#(Value.string(set(wrong, right)).jsonText)}"#)
        #expect(try evaluate("io.jwt.verify_es256(input.token, input.set)", input: good) == .bool(true))
        #expect(try evaluate("io.jwt.verify_es256(input.token, input.set)", input: bad) == .bool(false))
    }

    @Test("exp and nbf are checked against the evaluation's clock unless a time constraint is given")
    func expiry() throws {
        let past = Self.now - 60, future = Self.now + 60
        func token(_ claims: String) -> String { Self.hs256(header: #"{"alg":"HS256"}"#, payload: claims, secret: Array("k".utf8)) }
        func verdict(_ claims: String, _ extra: String = "") throws -> Value? {
            try evaluate(#"io.jwt.decode_verify("\#(token(claims))", {"secret": "k"\#(extra)})[0]"#)
        }
        #expect(try verdict(#"{"exp": \#(future)}"#) == .bool(true))
        #expect(try verdict(#"{"exp": \#(past)}"#) == .bool(false))
        #expect(try verdict(#"{"exp": \#(Self.now)}"#) == .bool(false))
        #expect(try verdict(#"{"nbf": \#(future)}"#) == .bool(false))
        #expect(try verdict(#"{"nbf": \#(past)}"#) == .bool(true))
        #expect(try verdict(#"{"exp": \#(past)}"#, #", "time": \#(past - 1)000000000"#) == .bool(true))
        #expect(throws: RegoError.self) { try verdict(#"{"exp": "tomorrow"}"#) }
    }

    @Test("malformed and oversized tokens and keys are errors, never crashes", arguments: [
        "", ".", "..", "a.b", "a.b.c.d", "!!!.e30.", "e30.!!!.", "e30.e30.!!!", "e30.e30.A", "W10.e30.", "e30.W10.",
        "eyJhbGciOiJIUzI1NiJ9.e30.\u{00e9}", String(repeating: "A", count: 2_000_000) + ".e30.",
    ])
    func malformed(token: String) throws {
        let input = Value.object(ObjectValue(["token": .string(token)]))
        for call in ["io.jwt.decode(input.token)", #"io.jwt.decode_verify(input.token, {"secret": "k"})"#,
                     #"io.jwt.verify_hs256(input.token, "k")"#, #"io.jwt.verify_rs256(input.token, "not a key")"#] {
            do {
                let result = try evaluate(call, input: input)
                // A verdict is only acceptable when it is a refusal.
                #expect(result == .bool(false) || result == Self.unverified, "\(call) accepted \(token.prefix(40))")
            } catch {}
        }
    }

    @Test("keys that are not keys are errors", arguments: [
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "-----BEGIN NONSENSE-----\nAAAA\n-----END NONSENSE-----",
        #"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, #"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#, #"{"keys": 3}"#, "{}", "[]",
    ])
    func badKeys(key: String) throws {
        let token = Self.hs256(header: #"{"alg":"RS256"}"#, payload: "{}", secret: [1])
        let input = Value.object(ObjectValue(["token": .string(token), "key": .string(key)]))
        #expect(throws: RegoError.self) { try evaluate("io.jwt.verify_rs256(input.token, input.key)", input: input) }
    }
}

extension JWTSecurityTests {
    @Test("a key of many unterminated PEM BEGIN lines is refused promptly")
    func pemFlood() throws {
        let flood = String(repeating: "-----BEGIN CERTIFICATE-----\n", count: 20_000)
        let input = Value.object(ObjectValue(["key": .string(flood)]))
        let start = ContinuousClock.now
        #expect(throws: RegoError.self) { try evaluate(#"io.jwt.verify_rs256("e30.e30.AA", input.key)"#, input: input) }
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
