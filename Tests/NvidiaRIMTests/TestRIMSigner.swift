import AttestationCore
import Crypto
import Foundation
import SwiftASN1
import X509

/// A P-384 certificate chain made in the test (root → intermediate → signer) that re-signs a RIM the way NVIDIA
/// does: the SignedInfo as canonicalised, signed ECDSA-SHA384 (raw r‖s), and the chain in X509Data, signer first.
struct TestRIMSigner {
    let rootKey = P384.Signing.PrivateKey()
    let intermediateKey = P384.Signing.PrivateKey()
    let signerKey = P384.Signing.PrivateKey()
    /// The DER of the signer, intermediate and root certificates.
    let chain: [[UInt8]]

    init(notBefore: Date, notAfter: Date) throws {
        let root = try DistinguishedName { CommonName("Test RIM Root CA") }
        let intermediate = try DistinguishedName { CommonName("Test RIM CA") }
        let signer = try DistinguishedName { CommonName("Test RIM Signer") }
        func issue(
            _ subject: DistinguishedName, key: P384.Signing.PublicKey, issuer: DistinguishedName,
            by issuerKey: P384.Signing.PrivateKey, isCA: Bool
        ) throws -> [UInt8] {
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key), notValidBefore: notBefore,
                notValidAfter: notAfter, issuer: issuer, subject: subject, signatureAlgorithm: .ecdsaWithSHA384,
                extensions: try Certificate.Extensions {
                    Critical(isCA ? BasicConstraints.isCertificateAuthority(maxPathLength: nil) : .notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: !isCA, keyCertSign: isCA))
                }, issuerPrivateKey: .init(issuerKey))
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        }
        chain = [
            try issue(signer, key: signerKey.publicKey, issuer: intermediate, by: intermediateKey, isCA: false),
            try issue(intermediate, key: intermediateKey.publicKey, issuer: root, by: rootKey, isCA: true),
            try issue(root, key: rootKey.publicKey, issuer: root, by: rootKey, isCA: true),
        ]
    }

    /// The root as a trust anchor.
    var anchor: TrustAnchor { TrustAnchor(name: "Test RIM Root CA", derBytes: chain[2]) }

    /// `rim` with its SignatureValue replaced by this signer's signature over `signedInfo` (the canonical SignedInfo,
    /// unchanged) and its X509Data by this chain.
    func resign(_ rim: [UInt8], signedInfo: [UInt8]) throws -> [UInt8] {
        let signature = try signerKey.signature(for: signedInfo).rawRepresentation
        let certificates = chain.map { "<ds:X509Certificate>\(Base64.encode($0))</ds:X509Certificate>" }.joined()
        var text = String(decoding: rim, as: UTF8.self)
        text = try Self.replacing(in: text, between: "<ds:SignatureValue>", and: "</ds:SignatureValue>", with: Base64.encode(signature))
        text = try Self.replacing(in: text, between: "<ds:X509Data>", and: "</ds:X509Data>", with: certificates)
        return Array(text.utf8)
    }

    /// `text` with what lies between the first `start` and the following `end` replaced.
    static func replacing(in text: String, between start: String, and end: String, with replacement: String) throws -> String {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex) else {
            throw CocoaError(.formatting)
        }
        return text.replacingCharacters(in: open.upperBound..<close.lowerBound, with: replacement)
    }
}
