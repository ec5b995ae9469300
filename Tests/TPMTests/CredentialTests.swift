import AttestationCore
import AssayTestSupport
import Crypto
import _CryptoExtras
import Foundation
import Testing
@testable import TPM
@testable import TPMDevice

@Suite struct CredentialTests {
    /// OAEP-SHA256 with the empty label and the raw RSA operation, decrypted by swift-crypto (BoringSSL).
    @Test func oaepEncryptionDecryptsWithBoringSSL() throws {
        let key = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
        let modulus = Array(try key.publicKey.getKeyPrimitives().modulus)
        for length in [1, 32, 190] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7) }
            let ciphertext = try RSAOAEP.encrypt(
                message, modulus: modulus, exponent: 0, hash: .sha256, label: [], seed: SystemRandomSource().bytes(count: 32))
            #expect(ciphertext.count == 256)
            #expect(Array(try key.decrypt(ciphertext, padding: .PKCS1_OAEP_SHA256)) == message)
        }
        #expect(throws: TPMError.self) {
            try RSAOAEP.encrypt([UInt8](repeating: 1, count: 191), modulus: modulus, exponent: 0, hash: .sha256, label: [], seed: [UInt8](repeating: 0, count: 32))
        }
    }

    /// The Montgomery exponentiation agrees with small-number arithmetic.
    @Test func publicOperationMatchesSmallArithmetic() {
        let operation = RSAPublicOperation(modulus: [0x0b, 0x3f])  // 2879 (odd)
        for base in [0, 1, 2, 1000, 2878] {
            var result = 1
            var power = base % 2879
            var exponent = 65537
            while exponent > 0 {
                if exponent & 1 == 1 { result = result * power % 2879 }
                power = power * power % 2879
                exponent >>= 1
            }
            let bytes = operation.power([UInt8(base >> 8), UInt8(base & 0xff)], exponent: 65537)
            #expect(Int(bytes[0]) << 8 | Int(bytes[1]) == result, "\(base)")
        }
    }

    /// KDFa against the TPM 2.0 reference definition computed step by step.
    @Test func kdfaFollowsTheCounterConstruction() throws {
        let key = [UInt8](repeating: 0x42, count: 32)
        let derived = try TPMKDF.kdfa(.sha256, key: key, label: "STORAGE", contextU: [1, 2], contextV: [], bits: 384)
        var first = [0, 0, 0, 1] + Array("STORAGE".utf8) + [0, 1, 2] + [0, 0, 1, 0x80]
        var expected = Array(HMAC<SHA256>.authenticationCode(for: first, using: SymmetricKey(data: key)))
        first[3] = 2
        expected += Array(HMAC<SHA256>.authenticationCode(for: first, using: SymmetricKey(data: key)))
        #expect(derived == Array(expected.prefix(48)))
    }

    /// An ECC credential opened in software with the EK's private key, as TPM2_ActivateCredential does.
    @Test func eccCredentialOpensWithTheEKPrivateKey() throws {
        let ekKey = P256.KeyAgreement.PrivateKey()
        let raw = Array(ekKey.publicKey.rawRepresentation)
        let template = TPMKeyTemplate.endorsementECCP256
        let ek = TPMTPublic(
            nameAlg: .sha256, attributes: template.attributes, authPolicy: template.authPolicy, parameters: template.parameters,
            unique: .ecc(x: Array(raw[0..<32]), y: Array(raw[32...])))
        let name = try TPMKeyTemplate.attestationECCP256.name()
        let secret = [UInt8](repeating: 9, count: 32)
        let challenge = try MakeCredential.challenge(credential: secret, objectName: name, ek: ek, random: SystemRandomSource())
        #expect(try Self.activate(challenge, ekKey: ekKey, ek: ek, name: name) == secret)
        let otherName = try TPMKeyTemplate.attestationRSA2048().name()
        #expect(throws: TPMError.self) { try Self.activate(challenge, ekKey: ekKey, ek: ek, name: otherName) }
        #expect(throws: TPMError.self) { try Self.activate(challenge, ekKey: P256.KeyAgreement.PrivateKey(), ek: ek, name: name) }
    }

    @Test func credentialInputsAreChecked() throws {
        let name = try TPMKeyTemplate.attestationECCP256.name()
        #expect(throws: TPMError.self) {
            try MakeCredential.challenge(credential: [], objectName: name, ek: TPMKeyTemplate.endorsementRSA2048, random: SystemRandomSource())
        }
        #expect(throws: TPMError.self) {
            try MakeCredential.challenge(
                credential: [1], objectName: name, ek: TPMKeyTemplate.attestationRSA2048(), random: SystemRandomSource())
        }
    }

    @Test func flowTypesRoundTripThroughJSON() throws {
        let request = EnrollmentRequest(ekCertificate: [1, 2], ekPublic: [3], akPublic: [4, 5])
        let challenge = CredentialChallenge(credentialBlob: [6], encryptedSecret: [7, 8])
        let response = CredentialResponse(secret: [9])
        #expect(try JSONDecoder().decode(EnrollmentRequest.self, from: JSONEncoder().encode(request)) == request)
        #expect(try JSONDecoder().decode(CredentialChallenge.self, from: JSONEncoder().encode(challenge)) == challenge)
        #expect(try JSONDecoder().decode(CredentialResponse.self, from: JSONEncoder().encode(response)) == response)
        let text = String(decoding: try JSONEncoder().encode(challenge), as: UTF8.self)
        #expect(text.contains("\"credential_blob\":\"Bg==\""))
    }

    /// TPM2_ActivateCredential for an ECC EK in software: ECDH with the ephemeral point, KDFe, outer HMAC check,
    /// CFB decryption.
    static func activate(
        _ challenge: CredentialChallenge, ekKey: P256.KeyAgreement.PrivateKey, ek: TPMTPublic, name: [UInt8]
    ) throws -> [UInt8] {
        var reader = ByteReader(challenge.encryptedSecret)
        let x = try reader.readTPM2B(limit: 32, field: "x")
        let y = try reader.readTPM2B(limit: 32, field: "y")
        let shared = try ekKey.sharedSecretFromKeyAgreement(with: try P256.KeyAgreement.PublicKey(rawRepresentation: x + y))
        guard case .ecc(let ekX, _) = ek.unique else { throw TPMError.unsupportedKey("test EK") }
        let seed = try TPMKDF.kdfe(
            .sha256, z: shared.withUnsafeBytes { Array($0) }, label: "IDENTITY", partyU: x, partyV: ekX, bits: 256)
        var blob = ByteReader(challenge.credentialBlob)
        let outer = try blob.readTPM2B(limit: 32, field: "integrityHMAC")
        let encrypted = try blob.readArray(blob.remaining, field: "encIdentity")
        let hmacKey = try TPMKDF.kdfa(.sha256, key: seed, label: "INTEGRITY", contextU: [], contextV: [], bits: 256)
        guard try TPMAlgorithmID.sha256.hmac(key: hmacKey, encrypted + name, field: "test") == outer else {
            throw TPMError.invalidCredential("integrity check failed")
        }
        let symmetric = try TPMKDF.kdfa(.sha256, key: seed, label: "STORAGE", contextU: name, contextV: [], bits: 128)
        let plain = Array(
            try AES._CFB.decrypt(encrypted, using: SymmetricKey(data: symmetric), iv: AES._CFB.IV(ivBytes: [UInt8](repeating: 0, count: 16))))
        var inner = ByteReader(plain)
        return try inner.readTPM2B(limit: 64, field: "credential")
    }
}
