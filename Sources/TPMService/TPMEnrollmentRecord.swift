public import Foundation

/// A pending TPM attestation-key enrollment as stored between the credential challenge and the attester's answer,
/// so that any replica can complete it: the request's public parts in clear, the expected credential sealed with
/// the key-encryption key (never stored in the clear) and bound to the enrollment's id and request.
///
/// A pending enrollment is single use: ``TPMEnrollmentStore/takeEnrollment(id:at:)`` removes it whatever the answer.
public struct TPMEnrollmentRecord: Sendable, Hashable {
    /// The enrollment's random identifier (base64url, as handed to the attester).
    public let id: String
    /// The EK's TPMT_PUBLIC.
    public let ekPublic: [UInt8]
    /// The AK's TPMT_PUBLIC.
    public let akPublic: [UInt8]
    /// The EK certificate (DER) that chained to a trusted root when the challenge was made.
    public let ekCertificate: [UInt8]
    /// The expected credential, sealed with the key-encryption key (AES-GCM combined form, base64).
    public let sealedSecret: String
    /// Identifier of the key-encryption key that sealed ``sealedSecret`` (not secret).
    public let kekID: String
    /// When the challenge was made.
    public let createdAt: Date
    /// When the enrollment can no longer be completed.
    public let expiresAt: Date

    public init(
        id: String, ekPublic: [UInt8], akPublic: [UInt8], ekCertificate: [UInt8], sealedSecret: String, kekID: String,
        createdAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.ekPublic = ekPublic
        self.akPublic = akPublic
        self.ekCertificate = ekCertificate
        self.sealedSecret = sealedSecret
        self.kekID = kekID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
