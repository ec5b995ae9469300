public import AttestationCore
import Crypto
import _CryptoExtras

/// TPM2_MakeCredential in software (TPM 2.0 Part 1, §24; Part 3, §12.6): protects a credential so that only the
/// TPM holding the EK can recover it, and only for the object with the given name.
///
/// A random seed is protected to the EK (RSA: OAEP with label `IDENTITY\0`; ECC: ephemeral ECDH and KDFe with
/// label `IDENTITY`); from it KDFa derives the symmetric key (label `STORAGE`, context = the object's name) that
/// encrypts the credential in CFB mode with a zero IV, and the HMAC key (label `INTEGRITY`) of the outer HMAC over
/// the encrypted credential and the name.
public enum MakeCredential {
    /// Largest credential accepted (TPM2B_DIGEST).
    public static let maxCredentialBytes = 64

    /// Makes a challenge for `credential` bound to `objectName` (the AK's name) under the endorsement key `ek`.
    public static func challenge(
        credential: [UInt8], objectName: [UInt8], ek: TPMTPublic, random: some RandomSource
    ) throws -> CredentialChallenge {
        guard !credential.isEmpty, credential.count <= maxCredentialBytes else {
            throw TPMError.invalidCredential("a credential must be 1…\(maxCredentialBytes) bytes, not \(credential.count)")
        }
        guard ek.attributes.contains(.restricted), ek.attributes.contains(.decrypt) else {
            throw TPMError.unsupportedKey("the EK must be a restricted decryption key (attributes: \(ek.attributes.names))")
        }
        let nameAlg = ek.nameAlg
        guard let digestSize = nameAlg.digestSize else {
            throw TPMError.unsupportedAlgorithm(field: "EK nameAlg", algorithm: nameAlg)
        }
        let symmetric = ek.parameters.symmetric
        guard symmetric.algorithm == .aes, symmetric.mode == .cfb, [128, 192, 256].contains(symmetric.keyBits) else {
            throw TPMError.unsupportedKey("the EK's symmetric algorithm must be AES in CFB mode")
        }

        let seed: [UInt8]
        let encryptedSecret: [UInt8]
        switch (ek.parameters, ek.unique) {
        case (.rsa(_, _, _, let exponent), .rsa(let modulus)):
            seed = random.bytes(count: digestSize)
            encryptedSecret = try RSAOAEP.encrypt(
                seed, modulus: modulus, exponent: exponent, hash: nameAlg, label: Array("IDENTITY".utf8) + [0],
                seed: random.bytes(count: digestSize))
        case (.ecc(_, _, let curve, _), .ecc(let x, let y)):
            let point = try ek.eccPoint(curve: curve, x: x, y: y)
            let (z, ephemeralX, ephemeralY) = try ecdh(curve: curve, point: point, random: random)
            seed = try TPMKDF.kdfe(nameAlg, z: z, label: "IDENTITY", partyU: ephemeralX, partyV: x, bits: digestSize * 8)
            var writer = TPMWriter()
            writer.writeTPM2B(ephemeralX)
            writer.writeTPM2B(ephemeralY)
            encryptedSecret = writer.bytes
        default:
            throw TPMError.unsupportedKey("the EK's parameters and unique field disagree")
        }

        let symmetricKey = try TPMKDF.kdfa(
            nameAlg, key: seed, label: "STORAGE", contextU: objectName, contextV: [], bits: Int(symmetric.keyBits))
        var plain = TPMWriter()
        plain.writeTPM2B(credential)
        let encryptedIdentity = Array(
            try AES._CFB.encrypt(plain.bytes, using: SymmetricKey(data: symmetricKey), iv: AES._CFB.IV(ivBytes: [UInt8](repeating: 0, count: 16))))
        let hmacKey = try TPMKDF.kdfa(nameAlg, key: seed, label: "INTEGRITY", contextU: [], contextV: [], bits: digestSize * 8)
        let outerHMAC = try nameAlg.hmac(key: hmacKey, encryptedIdentity + objectName, field: "EK nameAlg")
        var blob = TPMWriter()
        blob.writeTPM2B(outerHMAC)
        blob.write(bytes: encryptedIdentity)
        return CredentialChallenge(credentialBlob: blob.bytes, encryptedSecret: encryptedSecret)
    }

    /// Bound on attempts to draw a valid ephemeral scalar (a random string is almost always one).
    static let maxScalarAttempts = 8

    /// An ephemeral ECDH exchange with the EK's point: the shared x-coordinate Z and the ephemeral point.
    static func ecdh(
        curve: TPMECCCurve, point: [UInt8], random: some RandomSource
    ) throws -> (z: [UInt8], x: [UInt8], y: [UInt8]) {
        do {
            switch curve {
            case .nistP256:
                let ephemeral = try scalar { try P256.KeyAgreement.PrivateKey(rawRepresentation: random.bytes(count: 32)) }
                let shared = try ephemeral.sharedSecretFromKeyAgreement(
                    with: try P256.KeyAgreement.PublicKey(x963Representation: point))
                let raw = Array(ephemeral.publicKey.rawRepresentation)
                return (shared.withUnsafeBytes { Array($0) }, Array(raw[0..<32]), Array(raw[32...]))
            case .nistP384:
                let ephemeral = try scalar { try P384.KeyAgreement.PrivateKey(rawRepresentation: random.bytes(count: 48)) }
                let shared = try ephemeral.sharedSecretFromKeyAgreement(
                    with: try P384.KeyAgreement.PublicKey(x963Representation: point))
                let raw = Array(ephemeral.publicKey.rawRepresentation)
                return (shared.withUnsafeBytes { Array($0) }, Array(raw[0..<48]), Array(raw[48...]))
            default:
                throw TPMError.unsupportedKey("ECC endorsement keys on \(curve)")
            }
        } catch let error as TPMError {
            throw error
        } catch {
            throw TPMError.unsupportedKey("the EK's point is not on \(curve)")
        }
    }

    /// The first key `make` builds from fresh random bytes without throwing.
    static func scalar<Key>(_ make: () throws -> Key) throws -> Key {
        for _ in 1..<maxScalarAttempts {
            if let key = try? make() { return key }
        }
        return try make()
    }
}
