/// io.jwt.*: decoding, verifying (HS/RS/PS/ES/EdDSA) and signing JSON Web Tokens.
extension BuiltinRegistry {
    /// The most nested tokens (`cty: JWT`) followed before giving up.
    static let maxJWTNesting = 8

    /// Runs `body`, turning a `JWTError` into this built-in's `eval_builtin_error`.
    private static func jwt<T>(_ a: Operands, _ body: () throws(JWTError) -> T) throws(RegoError) -> T {
        do { return try body() } catch { throw a.failure(error.description) }
    }

    /// A `cty: JWT` payload's inner token: the payload is the token, or a JSON string holding it.
    private static func innerToken(_ payload: [UInt8], limits: Limits) -> String {
        if payload.first == UInt8(ascii: "\""), case .string(let s)? = try? JSONWebToken.json(payload, limits: limits, segment: "payload") {
            return s
        }
        return String(decoding: payload, as: UTF8.self)
    }

    /// `io.jwt.decode`: [header, payload, hex signature] of the innermost token, unverified.
    private static func decode(_ text: String, limits: Limits) throws(JWTError) -> Value {
        var text = text
        for _ in 0..<maxJWTNesting {
            let token = try JSONWebToken(compact: text)
            let header = try token.header(limits: limits)
            guard !header.isEncrypted else { throw .encrypted }
            let payload = try token.payloadBytes()
            if header.isNested {
                text = innerToken(payload, limits: limits)
                continue
            }
            let claims = try JSONWebToken.claims(payload, limits: limits)
            let signature = try token.signature()
            return .array([.object(header.object), .object(claims), .string(hexEncode(signature))])
        }
        throw .nestingTooDeep(bound: maxJWTNesting)
    }

    /// `io.jwt.verify_*`: whether the token's signature verifies under `algorithm` with one of the keys.
    private static func verify(_ text: String, keys: () throws(JWTError) -> [JWTVerificationKey], algorithm: JWSAlgorithm, limits: Limits) throws(JWTError) -> Bool {
        let token = try JSONWebToken(compact: text)
        let keys = try keys()
        let signature = try token.signature()
        let header = try token.header(limits: limits)
        return JWTConstraints.verifies(signature, over: token.signingInput, algorithm: algorithm, keyID: header.keyID, keys: keys)
    }

    /// `io.jwt.decode_verify`: [true, header, payload] when the signature verifies and the claims meet the constraints,
    /// else [false, {}, {}].
    private static func decodeVerify(_ text: String, _ constraintsObject: ObjectValue, now: Int, limits: Limits) throws(JWTError) -> Value {
        let unverified = Value.array([.bool(false), .emptyObject, .emptyObject])
        let constraints = try JWTConstraints(constraintsObject, nowNanoseconds: now, limits: limits)
        var text = text
        var outer: JWSHeader?
        var payload: [UInt8]?
        for _ in 0..<maxJWTNesting {
            let token = try JSONWebToken(compact: text)
            let header = try token.header(limits: limits)
            // An absent or unknown alg (including "none") and any critical extension (none is understood) fail.
            guard let name = header.algorithm, let algorithm = JWSAlgorithm(rawValue: name), header.critical == nil else {
                return unverified
            }
            if let wanted = constraints.algorithm, wanted != name { return unverified }
            let signature = try token.signature()
            guard constraints.verifies(signature, over: token.signingInput, algorithm: algorithm, keyID: header.keyID) else {
                return unverified
            }
            outer = outer ?? header
            let bytes = try token.payloadBytes()
            if header.isNested {
                text = innerToken(bytes, limits: limits)
                continue
            }
            payload = bytes
            break
        }
        guard let outer, let payload else { throw .nestingTooDeep(bound: maxJWTNesting) }
        let claims = try JSONWebToken.claims(payload, limits: limits)
        guard try constraints.claimsHold(claims) else { return unverified }
        return .array([.bool(true), .object(outer.object), .object(claims)])
    }

    /// Signs `payload` under the JOSE header text `header` with the JWK `key`: the compact serialisation of the exact
    /// header and payload bytes given.
    private static func encodeSign(header: String, payload: String, key: () throws(JWTError) -> JWTPrivateKey, limits: Limits) throws(JWTError) -> String {
        let prefix = "missing or invalid 'alg' header: "
        let trimmed = header.drop { $0.isWhitespace }
        guard !trimmed.isEmpty else { throw .signing(prefix + "cannot parse JSON: cannot parse empty string") }
        let parsed: Value
        do { parsed = try Value(json: header, limits: limits) } catch {
            if trimmed.first == "{" { throw .signing(prefix + "cannot parse JSON: \(error.message)") }
            throw .signing(prefix + "jwsbb: header \"alg\" not found")
        }
        guard case .object(let object) = parsed, case .string(let name)? = object["alg"] else {
            throw .signing(prefix + "jwsbb: header \"alg\" not found")
        }
        guard let algorithm = JWSAlgorithm(rawValue: name) else { throw .signing("unknown JWS algorithm: \(name)") }
        if object["typ"]?.stringValue?.uppercased() == "JWT", (try? Value(json: payload, limits: limits)) == nil {
            throw .signing("type is JWT but payload is not JSON")
        }
        let input = Array(base64Encode(Array(header.utf8), url: true, pad: false).utf8) + [UInt8(ascii: ".")]
            + Array(base64Encode(Array(payload.utf8), url: true, pad: false).utf8)
        let signature = try algorithm.sign(input, with: try key())
        return String(decoding: input, as: UTF8.self) + "." + base64Encode(signature, url: true, pad: false)
    }

    /// Compact JSON of a header or payload object, as OPA serialises it before signing.
    private static func compactJSON(_ value: Value) -> String {
        var out = ""
        value.writeJSON(into: &out, escapeHTML: true)
        return out
    }

    private static func verifier(_ name: String, _ algorithm: JWSAlgorithm) -> Builtin {
        define(name, 2) { a, ctx in
            let text = try a.string(0)
            let keyText = try a.string(1)
            return .bool(try jwt(a) { () throws(JWTError) -> Bool in
                try verify(text, keys: { () throws(JWTError) -> [JWTVerificationKey] in
                    algorithm.isHMAC
                        ? [JWTVerificationKey(key: .secret(Array(keyText.utf8)), keyID: nil, algorithm: nil)]
                        : try JWTKeys.verificationKeys(from: keyText, limits: ctx.limits)
                }, algorithm: algorithm, limits: ctx.limits)
            })
        }
    }

    static let jwt: [Builtin] = [
        define("io.jwt.decode", 1) { a, ctx in
            let text = try a.string(0)
            return try jwt(a) { () throws(JWTError) -> Value in try decode(text, limits: ctx.limits) }
        },
        define("io.jwt.decode_verify", 2, nondeterministic: true) { a, ctx in
            let text = try a.string(0)
            let constraints = try a.object(1)
            return try jwt(a) { () throws(JWTError) -> Value in
                try decodeVerify(text, constraints, now: ctx.nowNanoseconds, limits: ctx.limits)
            }
        },
        define("io.jwt.encode_sign_raw", 3, nondeterministic: true) { a, ctx in
            let header = try a.string(0), payload = try a.string(1), keyText = try a.string(2)
            return try ctx.string(try jwt(a) { () throws(JWTError) -> String in
                try encodeSign(header: header, payload: payload, key: { () throws(JWTError) -> JWTPrivateKey in
                    guard case .object(let jwk)? = try? Value(json: keyText, limits: ctx.limits) else {
                        throw .key("failed to parse a JWK key")
                    }
                    return try JWTKeys.privateKey(jwk: jwk)
                }, limits: ctx.limits)
            })
        },
        define("io.jwt.encode_sign", 3, nondeterministic: true) { a, ctx in
            _ = try a.object(0)
            _ = try a.object(1)
            let jwk = try a.object(2)
            try ctx.budget.checkText(of: a[0])
            try ctx.budget.checkText(of: a[1])
            let header = compactJSON(a[0]), payload = compactJSON(a[1])
            return try ctx.string(try jwt(a) { () throws(JWTError) -> String in
                try encodeSign(header: header, payload: payload, key: { () throws(JWTError) -> JWTPrivateKey in
                    try JWTKeys.privateKey(jwk: jwk)
                }, limits: ctx.limits)
            })
        },
    ] + [
        ("io.jwt.verify_hs256", JWSAlgorithm.hs256), ("io.jwt.verify_hs384", .hs384), ("io.jwt.verify_hs512", .hs512),
        ("io.jwt.verify_rs256", .rs256), ("io.jwt.verify_rs384", .rs384), ("io.jwt.verify_rs512", .rs512),
        ("io.jwt.verify_ps256", .ps256), ("io.jwt.verify_ps384", .ps384), ("io.jwt.verify_ps512", .ps512),
        ("io.jwt.verify_es256", .es256), ("io.jwt.verify_es384", .es384), ("io.jwt.verify_es512", .es512),
        ("io.jwt.verify_eddsa", .eddsa),
    ].map { verifier($0.0, $0.1) }
}
