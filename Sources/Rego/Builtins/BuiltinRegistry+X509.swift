import Foundation
import SwiftASN1
import X509

/// crypto.x509.*: parsing certificates, certificate requests, key pairs and RSA private keys, and verifying chains.
extension BuiltinRegistry {
    /// Runs `body`, turning an `X509InputError` into this built-in's `eval_builtin_error`.
    private static func x509<T>(_ a: Operands, _ body: () throws(X509InputError) -> T) throws(RegoError) -> T {
        do { return try body() } catch { throw a.failure(error.description) }
    }

    /// `[valid, certificates leaf first]`, or `[false, []]` when the input does not parse or the chain does not verify.
    private static func verifiedChain(_ text: String, _ check: CertificateChainCheck, _ ctx: BuiltinContext) throws(RegoError) -> Value {
        guard let parsed = try? X509Input.certificates(text), check.verifies(parsed.map(\.certificate)) else {
            return .array([.bool(false), .array([])])
        }
        return .array([.bool(true), try ctx.array(parsed.reversed().map { X509Document.certificate($0.certificate, der: $0.der) })])
    }

    /// The options of `parse_and_verify_certificates_with_options`: `DNSName`, `CurrentTime` (ns), `KeyUsages`,
    /// `MaxConstraintComparisons` (accepted, not needed: name constraints are not checked).
    private static func chainCheck(_ a: Operands, _ options: ObjectValue, now: Int) throws(RegoError) -> CertificateChainCheck {
        var check = CertificateChainCheck(now: Date(timeIntervalSince1970: Double(now) / 1e9))
        for (key, value) in options.pairs {
            switch (key.stringValue, value) {
            case ("DNSName"?, .string(let name)):
                check.dnsName = name
            case ("CurrentTime"?, .number(let ns)):
                check.now = Date(timeIntervalSince1970: ns.doubleValue / 1e9)
            case ("KeyUsages"?, .array), ("KeyUsages"?, .set):
                let names = value.arrayValue ?? value.setValue?.elements ?? []
                var usages: [ASN1ObjectIdentifier] = []
                for case .string(let name) in names {
                    guard let oid = CertificateChainCheck.keyUsageNames[name] else { throw a.failure("invalid key usage \(name)") }
                    usages.append(oid)
                }
                guard usages.count == names.count else { throw a.failure("KeyUsages must be strings") }
                check.keyUsages = usages
            case ("MaxConstraintComparisons"?, .number):
                break
            default:
                throw a.failure("invalid option \(key.jsonText)")
            }
        }
        return check
    }

    static let x509: [Builtin] = [
        define("crypto.x509.parse_certificates", 1) { a, ctx in
            let text = try a.string(0)
            let parsed = try x509(a) { () throws(X509InputError) in try X509Input.certificates(text) }
            return try ctx.array(parsed.map { X509Document.certificate($0.certificate, der: $0.der) })
        },
        define("crypto.x509.parse_and_verify_certificates", 1, nondeterministic: true) { a, ctx in
            let check = CertificateChainCheck(now: Date(timeIntervalSince1970: Double(ctx.nowNanoseconds) / 1e9))
            return try verifiedChain(try a.string(0), check, ctx)
        },
        define("crypto.x509.parse_and_verify_certificates_with_options", 2, nondeterministic: true) { a, ctx in
            let text = try a.string(0)
            return try verifiedChain(text, try chainCheck(a, try a.object(1), now: ctx.nowNanoseconds), ctx)
        },
        define("crypto.x509.parse_certificate_request", 1) { a, _ in
            let text = try a.string(0)
            return try x509(a) { () throws(X509InputError) -> Value in
                let der: [UInt8]
                switch try X509Input.content(text) {
                case .pem(let blocks):
                    guard let block = blocks.first(where: { $0.type.hasSuffix("CERTIFICATE REQUEST") }) else { throw .malformedRequest }
                    der = block.bytes
                case .der(let bytes):
                    der = bytes
                }
                guard let request = try? CertificateSigningRequest(derEncoded: der) else { throw .malformedRequest }
                return X509Document.request(request, der: der)
            }
        },
        define("crypto.x509.parse_rsa_private_key", 1) { a, _ in
            let text = try a.string(0)
            return try x509(a) { () throws(X509InputError) -> Value in
                guard case .pem(let blocks) = try X509Input.content(text), let block = blocks.first else {
                    throw .malformedKey("no PEM block found")
                }
                switch block.type {
                case "RSA PRIVATE KEY": return try RSAPrivateKeyJWK(pkcs1: block.bytes).jwk
                case "PRIVATE KEY": return try RSAPrivateKeyJWK(pkcs8: block.bytes).jwk
                default: throw .malformedKey("unexpected PEM block \(block.type)")
                }
            }
        },
        define("crypto.x509.parse_keypair", 2) { a, ctx in
            let certText = try a.string(0), keyText = try a.string(1)
            return try x509(a) { () throws(X509InputError) -> Value in
                let parsed = try X509Input.certificates(certText)
                guard case .pem(let blocks) = try X509Input.content(keyText),
                      let block = blocks.first(where: { $0.type.hasSuffix("PRIVATE KEY") })
                else { throw .malformedKey("no PEM private key block found") }
                let document = PEMDocument(type: block.type, derBytes: block.bytes)
                guard let key = try? Certificate.PrivateKey(pemDocument: document) else {
                    throw .malformedKey("unsupported or malformed \(block.type)")
                }
                guard let leaf = parsed.first, key.publicKey == leaf.certificate.publicKey else { throw .keyMismatch }
                return .object(ObjectValue([
                    "Certificate": .array(parsed.map { .string(base64Encode($0.der, url: false, pad: true)) }),
                    "Leaf": X509Document.certificate(leaf.certificate, der: leaf.der),
                ]))
            }
        },
    ]
}
