public import TPM
import AttestationCore
public import Crypto
public import _CryptoExtras

/// A software attestation key that signs quotes the way a TPM does, for tests, benchmarks and demos.
///
/// Nothing vouches for its key: a verifier must treat its quotes as `ak_endorsement: none` unless it was given an
/// endorsement for this key by other means. Never use it where a real TPM is expected.
public struct SoftwareQuoteSigner: Sendable {
    /// The private key.
    public enum Key: Sendable {
        /// RSA with RSASSA-PKCS1-v1_5 and SHA-256.
        case rsa(_RSA.Signing.PrivateKey)
        /// ECC P-256 with ECDSA and SHA-256.
        case p256(P256.Signing.PrivateKey)
    }

    /// The private key.
    public let key: Key
    /// The public area a TPM would report for this key (restricted signing AK template).
    public let publicArea: TPMTPublic

    /// Wraps `key` with the matching AK public area.
    public init(key: Key) throws {
        self.key = key
        switch key {
        case .rsa(let privateKey):
            let primitives = try privateKey.publicKey.getKeyPrimitives()
            let template = TPMKeyTemplate.attestationRSA2048()
            publicArea = TPMTPublic(
                nameAlg: template.nameAlg, attributes: template.attributes,
                parameters: .rsa(
                    symmetric: .null, scheme: .init(scheme: .rsassa, hash: .sha256),
                    keyBits: UInt16(truncatingIfNeeded: privateKey.keySizeInBits), exponent: 0),
                unique: .rsa(modulus: Array(primitives.modulus)))
        case .p256(let privateKey):
            let raw = Array(privateKey.publicKey.rawRepresentation)
            let template = TPMKeyTemplate.attestationECCP256
            publicArea = TPMTPublic(
                nameAlg: template.nameAlg, attributes: template.attributes, parameters: template.parameters,
                unique: .ecc(x: Array(raw[0..<32]), y: Array(raw[32...])))
        }
    }

    /// A TPM2_Quote over `values` (selection order as given) with `extraData`, signed with SHA-256.
    public func quote(
        values: PCRValues, selection: PCRSelectionList, extraData: [UInt8], clock: TPMSClockInfo,
        firmwareVersion: UInt64 = 0
    ) throws -> SignedQuote {
        guard let concatenated = values.concatenated(for: selection) else {
            throw TPMError.invalidPCRValues(reason: "no value for \(values.missing(from: selection).joined(separator: ", "))")
        }
        let attest = TPMSAttest(
            qualifiedSigner: try publicArea.name(), extraData: extraData, clockInfo: clock, firmwareVersion: firmwareVersion,
            attested: .quote(TPMSQuoteInfo(pcrSelect: selection, pcrDigest: Array(SHA256.hash(data: concatenated)))))
        return SignedQuote(attest: attest, signature: try sign(attest.bytes), pcrValues: values)
    }

    /// Signs `message` as a TPM would (SHA-256 digest; RSASSA or ECDSA).
    public func sign(_ message: [UInt8]) throws -> TPMTSignature {
        let digest = SHA256.hash(data: message)
        switch key {
        case .rsa(let privateKey):
            let signature = try privateKey.signature(for: digest, padding: .insecurePKCS1v1_5)
            return TPMTSignature(hash: .sha256, value: .rsassa(Array(signature.rawRepresentation)))
        case .p256(let privateKey):
            let raw = Array(try privateKey.signature(for: digest).rawRepresentation)
            return TPMTSignature(hash: .sha256, value: .ecdsa(r: Array(raw[0..<32]), s: Array(raw[32...])))
        }
    }
}
