/// crypto.md5/sha1/sha256/sha512 and crypto.hmac.* (hex-encoded digests of UTF-8 strings).
extension BuiltinRegistry {
    private static func digest(_ name: String, _ algorithm: Digest.Algorithm) -> Builtin {
        define(name, 1) { a, _ in .string(hexEncode(Digest.hash(algorithm, Array(try a.string(0).utf8)))) }
    }

    private static func hmac(_ name: String, _ algorithm: Digest.Algorithm) -> Builtin {
        define(name, 2) { a, _ in
            .string(hexEncode(Digest.hmac(algorithm, key: Array(try a.string(1).utf8), message: Array(try a.string(0).utf8))))
        }
    }

    static let crypto: [Builtin] = [
        digest("crypto.md5", .md5), digest("crypto.sha1", .sha1), digest("crypto.sha256", .sha256),
        digest("crypto.sha512", .sha512),
        hmac("crypto.hmac.md5", .md5), hmac("crypto.hmac.sha1", .sha1), hmac("crypto.hmac.sha256", .sha256),
        hmac("crypto.hmac.sha512", .sha512),
        define("crypto.hmac.equal", 2) { a, _ in
            let x = Array(try a.string(0).utf8)
            let y = Array(try a.string(1).utf8)
            guard x.count == y.count else { return .bool(false) }
            return .bool(zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0)
        },
    ]
}
