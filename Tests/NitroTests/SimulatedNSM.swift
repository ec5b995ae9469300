import Attester
import CBOR
import Crypto
import Foundation
import SwiftASN1
import X509

/// A Nitro Secure Module in software: answers `{"Attestation": …}` requests with a COSE_Sign1 ES384 document signed
/// by a fresh P-384 leaf under a fresh test root (built in the test, never AWS's), echoing user_data, nonce and
/// public_key as the real module does.
struct SimulatedNSM: NSMTransport {
    let path = "simulated-nsm"
    let isAvailable = true
    let rootDER: [UInt8]
    let leafDER: [UInt8]
    let leafKey: P384.Signing.PrivateKey
    /// The document's time (inside both certificates' validity).
    let now: Date
    /// PCR0..2 and 8 (48 bytes each, as the NSM's SHA-384 bank).
    let pcrs: [UInt64: [UInt8]] = [0: .init(repeating: 0xA0, count: 48), 1: .init(repeating: 0xA1, count: 48),
                                    2: .init(repeating: 0xA2, count: 48), 8: .init(repeating: 0xA8, count: 48)]

    init(now: Date) throws {
        self.now = now
        let rootKey = P384.Signing.PrivateKey()
        let leafKey = P384.Signing.PrivateKey()
        let rootName = try DistinguishedName { CommonName("test nitro root") }
        let leafName = try DistinguishedName { CommonName("i-0123456789abcdef0-enc0123456789abcdef.us-east-1.aws") }
        let root = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(rootKey.publicKey), notValidBefore: now - 86400,
            notValidAfter: now + 86400, issuer: rootName, subject: rootName, signatureAlgorithm: .ecdsaWithSHA384,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
            }, issuerPrivateKey: .init(rootKey))
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey), notValidBefore: now - 3600,
            notValidAfter: now + 3600, issuer: rootName, subject: leafName, signatureAlgorithm: .ecdsaWithSHA384,
            extensions: try Certificate.Extensions { Critical(KeyUsage(digitalSignature: true)) },
            issuerPrivateKey: .init(rootKey))
        rootDER = try Self.der(root)
        leafDER = try Self.der(leaf)
        self.leafKey = leafKey
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    func exchange(_ request: [UInt8], capacity: Int) throws -> [UInt8] {
        guard let fields = try CBORReader.decode(request)["Attestation"] else {
            throw AttesterError.interfaceFailed(path: path, reason: "not an Attestation request")
        }
        let payload = CBORWriter.encode(
            .map([
                CBORMapEntry(.text("module_id"), .text("i-0123456789abcdef0-enc0123456789abcdef")),
                CBORMapEntry(.text("digest"), .text("SHA384")),
                CBORMapEntry(.text("timestamp"), .unsigned(UInt64(now.timeIntervalSince1970 * 1000))),
                CBORMapEntry(.text("pcrs"), .map(pcrs.sorted { $0.key < $1.key }.map { CBORMapEntry(.unsigned($0.key), .bytes($0.value)) })),
                CBORMapEntry(.text("certificate"), .bytes(leafDER)),
                CBORMapEntry(.text("cabundle"), .array([.bytes(rootDER)])),
                CBORMapEntry(.text("public_key"), fields["public_key"] ?? .null),
                CBORMapEntry(.text("user_data"), fields["user_data"] ?? .null),
                CBORMapEntry(.text("nonce"), fields["nonce"] ?? .null),
            ]))
        let protected = CBORWriter.encode(.map([CBORMapEntry(.unsigned(1), .negative(34))]))
        let signed = CBORWriter.encode(.array([.text("Signature1"), .bytes(protected), .bytes([]), .bytes(payload)]))
        let signature = try leafKey.signature(for: signed).rawRepresentation
        let document = CBORWriter.encode(.array([.bytes(protected), .map([]), .bytes(payload), .bytes(Array(signature))]))
        return CBORWriter.encode(.map([CBORMapEntry(.text("Attestation"), .map([CBORMapEntry(.text("document"), .bytes(document))]))]))
    }
}
