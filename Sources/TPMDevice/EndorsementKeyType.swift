public import TPM
/// The TCG default endorsement keys the client can recreate, with the NV index of their certificates.
public enum EndorsementKeyType: String, Sendable, CaseIterable {
    /// RSA 2048, template L-1.
    case rsa2048 = "rsa2048"
    /// ECC NIST P-256, template L-2.
    case eccP256 = "ecc-p256"

    /// The EK template.
    public var template: TPMTPublic {
        switch self {
        case .rsa2048: return TPMKeyTemplate.endorsementRSA2048
        case .eccP256: return TPMKeyTemplate.endorsementECCP256
        }
    }

    /// Where the EK certificate is stored.
    public var certificateIndex: TPMClient.EndorsementCertificateIndex {
        switch self {
        case .rsa2048: return .rsa2048
        case .eccP256: return .eccP256
        }
    }
}
