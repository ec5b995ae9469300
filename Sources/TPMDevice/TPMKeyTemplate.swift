public import TPM
/// Public-area templates for the keys attestation needs: the TCG default EKs (EK Credential Profile §2.1.5,
/// templates L-1 and L-2), storage root keys (TCG Provisioning Guidance §7.5) and attestation keys.
public enum TPMKeyTemplate {
    /// PolicySecret(TPM_RH_ENDORSEMENT) with SHA-256: the authPolicy of the L-1 and L-2 EKs.
    public static let endorsementPolicySHA256: [UInt8] = [
        0x83, 0x71, 0x97, 0x67, 0x44, 0x84, 0xB3, 0xF8, 0x1A, 0x90, 0xCC, 0x8D, 0x46, 0xA5, 0xD7, 0x24,
        0xFD, 0x52, 0xD7, 0x6E, 0x06, 0x52, 0x0B, 0x64, 0xF2, 0xA1, 0xDA, 0x1B, 0x33, 0x14, 0x69, 0xAA,
    ]

    /// EK attributes: fixedTPM, fixedParent, sensitiveDataOrigin, adminWithPolicy, restricted, decrypt.
    static let endorsementAttributes: TPMAObject = [
        .fixedTPM, .fixedParent, .sensitiveDataOrigin, .adminWithPolicy, .restricted, .decrypt,
    ]
    /// SRK attributes: fixedTPM, fixedParent, sensitiveDataOrigin, userWithAuth, noDA, restricted, decrypt.
    static let storageAttributes: TPMAObject = [
        .fixedTPM, .fixedParent, .sensitiveDataOrigin, .userWithAuth, .noDA, .restricted, .decrypt,
    ]
    /// AK attributes: fixedTPM, fixedParent, sensitiveDataOrigin, userWithAuth, restricted, sign.
    static let attestationAttributes: TPMAObject = [
        .fixedTPM, .fixedParent, .sensitiveDataOrigin, .userWithAuth, .restricted, .sign,
    ]

    /// Template L-1: RSA 2048 EK (certificate at NV 0x01C00002).
    public static let endorsementRSA2048 = TPMTPublic(
        nameAlg: .sha256, attributes: endorsementAttributes, authPolicy: endorsementPolicySHA256,
        parameters: .rsa(symmetric: .aes128CFB, scheme: .null, keyBits: 2048, exponent: 0),
        unique: .rsa(modulus: [UInt8](repeating: 0, count: 256)))

    /// Template L-2: ECC NIST P-256 EK (certificate at NV 0x01C0000A).
    public static let endorsementECCP256 = TPMTPublic(
        nameAlg: .sha256, attributes: endorsementAttributes, authPolicy: endorsementPolicySHA256,
        parameters: .ecc(symmetric: .aes128CFB, scheme: .null, curve: .nistP256, kdf: .null),
        unique: .ecc(x: [UInt8](repeating: 0, count: 32), y: [UInt8](repeating: 0, count: 32)))

    /// RSA 2048 storage root key.
    public static let storageRSA2048 = TPMTPublic(
        nameAlg: .sha256, attributes: storageAttributes,
        parameters: .rsa(symmetric: .aes128CFB, scheme: .null, keyBits: 2048, exponent: 0),
        unique: .rsa(modulus: [UInt8](repeating: 0, count: 256)))

    /// ECC NIST P-256 storage root key.
    public static let storageECCP256 = TPMTPublic(
        nameAlg: .sha256, attributes: storageAttributes,
        parameters: .ecc(symmetric: .aes128CFB, scheme: .null, curve: .nistP256, kdf: .null),
        unique: .ecc(x: [UInt8](repeating: 0, count: 32), y: [UInt8](repeating: 0, count: 32)))

    /// A restricted RSA 2048 signing key (AK) with `scheme` (RSASSA or RSAPSS) and SHA-256.
    public static func attestationRSA2048(scheme: TPMAlgorithmID = .rsassa) -> TPMTPublic {
        TPMTPublic(
            nameAlg: .sha256, attributes: attestationAttributes,
            parameters: .rsa(symmetric: .null, scheme: .init(scheme: scheme, hash: .sha256), keyBits: 2048, exponent: 0),
            unique: .rsa(modulus: []))
    }

    /// A restricted ECC NIST P-256 signing key (AK) with ECDSA and SHA-256.
    public static let attestationECCP256 = TPMTPublic(
        nameAlg: .sha256, attributes: attestationAttributes,
        parameters: .ecc(symmetric: .null, scheme: .init(scheme: .ecdsa, hash: .sha256), curve: .nistP256, kdf: .null),
        unique: .ecc(x: [], y: []))
}
