import Crypto
import Foundation
import Rego
import SwiftASN1
import Testing
import X509

/// crypto.x509.parse_and_verify_certificates over chains built here from fresh keys.
@Suite("X.509 chain verification")
struct X509ChainTests {
    private static let now = Date(timeIntervalSince1970: 1_893_456_000)

    private struct Authority {
        let key: P256.Signing.PrivateKey
        let certificate: Certificate
    }

    private static func name(_ cn: String) throws -> DistinguishedName { try DistinguishedName { CommonName(cn) } }

    private static func authority(_ cn: String, signedBy issuer: Authority?, isCA: Bool = true, validUntil: Date = now + 3600) throws -> Authority {
        let key = P256.Signing.PrivateKey()
        let subject = try name(cn)
        let extensions = try Certificate.Extensions {
            Critical(isCA ? BasicConstraints.isCertificateAuthority(maxPathLength: nil) : .notCertificateAuthority)
            if isCA { KeyUsage(keyCertSign: true) } else { KeyUsage(digitalSignature: true) }
            if !isCA { SubjectAlternativeNames([.dnsName("service.example")]) }
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: now - 3600,
            notValidAfter: validUntil, issuer: issuer?.certificate.subject ?? subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: .init(issuer?.key ?? key))
        return Authority(key: key, certificate: certificate)
    }

    private func verify(_ chain: [Certificate]) throws -> Value? {
        let pem = try chain.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n")
        let policy = try Policy(modules: [RegoModule(fileName: "t.rego", source: """
            package t
            r := [ok, [c.Subject.CommonName | some c in certs]] if [ok, certs] := crypto.x509.parse_and_verify_certificates(input.pem)
            """)])
        var environment = EvaluationEnvironment()
        environment.clock = FixedEvaluationClock(Self.now)
        return try policy.evaluate(document: "data.t.r", input: .object(ObjectValue(["pem": .string(pem)])), environment: environment)
    }

    @Test("a root, an intermediate and a leaf verify, leaf first in the result")
    func validChain() throws {
        let root = try Self.authority("Root", signedBy: nil)
        let intermediate = try Self.authority("Intermediate", signedBy: root)
        let leaf = try Self.authority("Leaf", signedBy: intermediate, isCA: false)
        let result = try verify([root.certificate, intermediate.certificate, leaf.certificate])
        #expect(result == .array([.bool(true), .array([.string("Leaf"), .string("Intermediate"), .string("Root")])]))
    }

    @Test("a leaf signed by a key other than its named issuer's does not verify")
    func forgedLeaf() throws {
        let root = try Self.authority("Root", signedBy: nil)
        let impostor = Authority(key: P256.Signing.PrivateKey(), certificate: root.certificate)
        let leaf = try Self.authority("Leaf", signedBy: impostor, isCA: false)
        #expect(try verify([root.certificate, leaf.certificate]) == .array([.bool(false), .array([])]))
    }

    @Test("an expired leaf, a non-CA issuer or a lone certificate does not verify")
    func refusals() throws {
        let root = try Self.authority("Root", signedBy: nil)
        let expired = try Self.authority("Leaf", signedBy: root, isCA: false, validUntil: Self.now - 1)
        #expect(try verify([root.certificate, expired.certificate]) == .array([.bool(false), .array([])]))
        let notCA = try Self.authority("NotCA", signedBy: root, isCA: false)
        let below = try Self.authority("Leaf", signedBy: notCA, isCA: false)
        #expect(try verify([root.certificate, notCA.certificate, below.certificate]) == .array([.bool(false), .array([])]))
        #expect(try verify([root.certificate]) == .array([.bool(false), .array([])]))
    }
}
