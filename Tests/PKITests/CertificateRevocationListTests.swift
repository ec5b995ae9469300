import AssayTestSupport
import Crypto
import Foundation
import PKI
import SwiftASN1
import Testing
import X509
import _CryptoExtras

@Suite struct CertificateRevocationListTests {
    static let intelCollateral = SharedVectors.root.appendingPathComponent("tdx/collateral")

    func intelRootKey() throws -> VerificationKey {
        let pem = try String(contentsOf: Self.intelCollateral.appendingPathComponent("intel_sgx_root_ca_gotdx.pem"), encoding: .utf8)
        let certificate = try Certificate(pemEncoded: pem)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate.publicKey)
        return try VerificationKey(subjectPublicKeyInfo: serializer.serializedBytes)
    }

    @Test(.sharedVectors) func intelRootCRLVerifiesWithTheIntelRoot() throws {
        try SharedVectors.require()
        let bytes = Array(try Data(contentsOf: Self.intelCollateral.appendingPathComponent("gotdx_rootcrl.der")))
        let crl = try CertificateRevocationList(derEncoded: bytes)
        #expect(crl.signatureAlgorithm == .ecdsaSHA256)
        #expect(crl.isSignatureValid(key: try intelRootKey()))
        #expect(crl.revokedSerialNumbers.isEmpty)
        let thisUpdate = try #require(RFCTime.parse("2023-04-03T10:22:51Z"))
        #expect(crl.thisUpdate == thisUpdate)
        #expect(crl.isCurrent(at: thisUpdate + 86400))
        #expect(!crl.isCurrent(at: thisUpdate - 1))
        #expect(!crl.isCurrent(at: try #require(RFCTime.parse("2024-04-02T10:22:52Z"))))

        var tampered = bytes
        let index = try #require(tampered.indices.dropFirst(40).first { tampered[$0] == 0x31 })
        tampered[index + 3] ^= 0x01
        if let altered = try? CertificateRevocationList(derEncoded: tampered) {
            #expect(!altered.isSignatureValid(key: try intelRootKey()))
        }
    }

    @Test(.sharedVectors) func intelPCKCRLListsItsRevokedSerials() throws {
        try SharedVectors.require()
        let bytes = Array(try Data(contentsOf: Self.intelCollateral.appendingPathComponent("gotdx_pckcrl_platform.der")))
        let crl = try CertificateRevocationList(derEncoded: bytes)
        #expect(crl.revokedSerialNumbers.count > 3)
        #expect(crl.isRevoked(serialNumber: try hex("6FC34E5023E728923435D61AA4B83C618166AD35")))
        #expect(crl.isRevoked(serialNumber: try hex("00EFAE6E9715FCA13B87E333E8261ED6D990A926AD")))
        #expect(!crl.isRevoked(serialNumber: try hex("01")))
        #expect(!crl.isSignatureValid(key: try intelRootKey()), "signed by the PCK Platform CA, not the root")
    }

    @Test func truncatedAndGarbageCRLsThrow() throws {
        let key = P256.Signing.PrivateKey()
        let bytes = try TestCRL.make(
            issuer: try name("Test CA"), thisUpdate: Date(timeIntervalSince1970: 1_700_000_000),
            nextUpdate: Date(timeIntervalSince1970: 1_702_592_000), revoked: [[0x01], [0x8f, 0x02]], signer: .p256(key))
        for length in 0..<bytes.count {
            #expect(throws: PKIError.self, "length \(length)") { try CertificateRevocationList(derEncoded: Array(bytes.prefix(length))) }
        }
        #expect(throws: PKIError.self) { try CertificateRevocationList(derEncoded: bytes + [0]) }
        #expect(throws: PKIError.self) { try CertificateRevocationList(derEncoded: [UInt8](repeating: 0x30, count: 64)) }
    }

    @Test func syntheticECDSAAndPSSCRLsVerifyOnlyWithTheirKeys() throws {
        let p256 = P256.Signing.PrivateKey()
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for signer in [TestCRL.Signer.p256(p256), .rsaPSSSHA384(rsa)] {
            let crl = try CertificateRevocationList(
                derEncoded: try TestCRL.make(
                    issuer: try name("Test CA"), thisUpdate: start, nextUpdate: start + 86400, revoked: [[0x00, 0x8f]],
                    signer: signer))
            let key: VerificationKey
            let other: VerificationKey
            switch signer {
            case .p256:
                key = .p256(p256.publicKey)
                other = .p256(P256.Signing.PrivateKey().publicKey)
                #expect(crl.signatureAlgorithm == .ecdsaSHA256)
            case .rsaPSSSHA384:
                key = .rsa(rsa.publicKey)
                other = .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey)
                #expect(crl.signatureAlgorithm == .rsaPSSSHA384)
            }
            #expect(crl.isSignatureValid(key: key))
            #expect(!crl.isSignatureValid(key: other))
            #expect(crl.isRevoked(serialNumber: [0x8f]))
            #expect(crl.nextUpdate == start + 86400)
        }
    }

    func name(_ commonName: String) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(try DistinguishedName { CommonName(commonName) })
        return serializer.serializedBytes
    }

    func hex(_ text: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { throw PKIError.malformed(what: "hex", reason: text) }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

/// RFC 3339 parsing for tests.
enum RFCTime {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
