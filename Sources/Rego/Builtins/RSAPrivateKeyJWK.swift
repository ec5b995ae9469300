import SwiftASN1

/// An RSA private key (PKCS #1 `RSAPrivateKey`, RFC 8017 §A.1.2, bare or inside a PKCS #8 `PrivateKeyInfo`) read
/// into its JWK members (RFC 7518 §6.3), as `crypto.x509.parse_rsa_private_key` returns it.
struct RSAPrivateKeyJWK: Sendable, Hashable {
    /// modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient: big-endian,
    /// without leading zero bytes.
    let n, e, d, p, q, dp, dq, qi: [UInt8]

    /// Parses PKCS #1 DER.
    init(pkcs1 der: [UInt8]) throws(X509InputError) {
        do {
            let root = try DER.parse(der)
            let fields: [[UInt8]] = try DER.sequence(root, identifier: .sequence) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard version == 0 else { throw X509InputError.malformedKey("unsupported version \(version)") }
                var fields: [[UInt8]] = []
                for _ in 0..<8 { fields.append(Array(try ArraySlice<UInt8>(derEncoded: &nodes))) }
                return fields
            }
            let trimmed = fields.map { Array($0.drop { $0 == 0 }) }
            (n, e, d, p, q, dp, dq, qi) = (trimmed[0], trimmed[1], trimmed[2], trimmed[3], trimmed[4], trimmed[5], trimmed[6], trimmed[7])
        } catch let error as X509InputError { throw error } catch {
            throw .malformedKey("\(error)")
        }
    }

    /// Parses PKCS #8 DER holding an RSA key.
    init(pkcs8 der: [UInt8]) throws(X509InputError) {
        let inner: [UInt8]
        do {
            let root = try DER.parse(der)
            inner = try DER.sequence(root, identifier: .sequence) { nodes in
                _ = try Int(derEncoded: &nodes)
                guard let algorithm = nodes.next() else { throw X509InputError.malformedKey("missing algorithm") }
                let oid: ASN1ObjectIdentifier = try DER.sequence(algorithm, identifier: .sequence) { inner in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
                    while inner.next() != nil {}
                    return oid
                }
                guard oid == [1, 2, 840, 113_549, 1, 1, 1] else { throw X509InputError.malformedKey("not an RSA key") }
                let key = try ASN1OctetString(derEncoded: &nodes)
                while nodes.next() != nil {}
                return Array(key.bytes)
            }
        } catch let error as X509InputError { throw error } catch {
            throw .malformedKey("\(error)")
        }
        try self.init(pkcs1: inner)
    }

    /// The JWK object.
    var jwk: Value {
        func b64(_ bytes: [UInt8]) -> Value { .string(BuiltinRegistry.base64Encode(bytes, url: true, pad: false)) }
        return .object(ObjectValue([
            "kty": .string("RSA"), "n": b64(n), "e": b64(e), "d": b64(d), "p": b64(p), "q": b64(q),
            "dp": b64(dp), "dq": b64(dq), "qi": b64(qi),
        ]))
    }
}
