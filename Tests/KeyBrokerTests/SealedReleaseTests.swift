import AttestationCore
import Crypto
import Foundation
import KeyBroker
import Testing

@Suite struct SealedReleaseTests {
    let teeKey = P256.KeyAgreement.PrivateKey()
    let path = try! SecretPath("apps/db/disk-key")
    let value = Array("0123456789abcdef0123456789abcdef".utf8)

    @Test func opensWithTheTEEKeyAfterAJSONRoundTrip() throws {
        let recipient = try TEEPublicKey(jwk: TEEPublicKey(key: teeKey.publicKey).jwk.objectValue ?? [:])
        let sealed = try SealedRelease.seal(value, path: path, to: recipient)
        let parsed = try SealedRelease(json: try JSONValue(parsing: sealed.json.compactText))
        #expect(try parsed.open(with: teeKey) == value)
        #expect(!sealed.json.compactText.contains("0123456789abcdef"))
    }

    @Test func anotherKeyCannotOpenIt() throws {
        let sealed = try SealedRelease.seal(value, path: path, to: TEEPublicKey(key: teeKey.publicKey))
        #expect(throws: KeyBrokerError.self) { try sealed.open(with: P256.KeyAgreement.PrivateKey()) }
    }

    @Test func aReleaseRelabelledWithAnotherPathDoesNotOpen() throws {
        let sealed = try SealedRelease.seal(value, path: path, to: TEEPublicKey(key: teeKey.publicKey))
        let relabelled = SealedRelease(path: "apps/other", encapsulatedKey: sealed.encapsulatedKey, ciphertext: sealed.ciphertext)
        #expect(throws: KeyBrokerError.self) { try relabelled.open(with: teeKey) }
    }

    @Test func interoperatesWithTheHPKERecipientOfRFC9180() throws {
        // Opened with swift-crypto's HPKE directly, with the documented suite, info and associated data.
        let sealed = try SealedRelease.seal(value, path: path, to: TEEPublicKey(key: teeKey.publicKey))
        var recipient = try HPKE.Recipient(
            privateKey: teeKey, ciphersuite: .P256_SHA256_AES_GCM_256, info: Data(SealedRelease.info.utf8),
            encapsulatedKey: Data(sealed.encapsulatedKey))
        #expect(Array(try recipient.open(sealed.ciphertext, authenticating: Array(path.text.utf8))) == value)
    }

    @Test(arguments: [
        #"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, #"{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}"#,
        #"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#,
        #"{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#,
    ])
    func unusableTEEKeysAreRefused(_ jwk: String) throws {
        let object = try JSONValue(parsing: jwk).objectValue ?? [:]
        #expect(throws: KeyBrokerError.self) { try TEEPublicKey(jwk: object) }
    }

    @Test(arguments: [
        #"{}"#, #"{"path":"a","suite":"other","enc":"","ciphertext":""}"#,
        #"{"path":"a","suite":"DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM","enc":"AAAA","ciphertext":"AAAA"}"#,
    ])
    func malformedReleasesAreRefused(_ text: String) throws {
        #expect(throws: KeyBrokerError.self) { try SealedRelease(json: try JSONValue(parsing: text)) }
    }
}
