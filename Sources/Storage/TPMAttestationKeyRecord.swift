public import Foundation

/// A TPM attestation key activated against an EK by credential activation, as stored: what a verifier needs to
/// trust quotes signed by it (every replica reads the same records).
public struct TPMAttestationKeyRecord: Sendable, Hashable {
    /// The AK's TPM name (nameAlg ‖ digest of its public area), lowercase hex: the key of the record.
    public let akName: String
    /// The AK's TPMT_PUBLIC.
    public let akPublic: [UInt8]
    /// The EK's TPMT_PUBLIC.
    public let ekPublic: [UInt8]
    /// The EK certificate (DER) the AK was activated against.
    public let ekCertificate: [UInt8]
    /// When the activation succeeded.
    public let activatedAt: Date

    public init(akName: String, akPublic: [UInt8], ekPublic: [UInt8], ekCertificate: [UInt8], activatedAt: Date) {
        self.akName = akName
        self.akPublic = akPublic
        self.ekPublic = ekPublic
        self.ekCertificate = ekCertificate
        self.activatedAt = activatedAt
    }
}
