import AttestationCore

/// What an attester sends to enroll its attestation key: the EK (certificate and public area) and the AK's
/// public area. The verifier answers with a ``CredentialChallenge`` (see ``AttestationKeyEnrollment``).
public struct EnrollmentRequest: Sendable, Hashable, Codable {
    /// The EK certificate (DER), as read from the TPM's NV index; nil if the TPM has none.
    public let ekCertificate: [UInt8]?
    /// The EK's TPMT_PUBLIC.
    public let ekPublic: [UInt8]
    /// The AK's TPMT_PUBLIC.
    public let akPublic: [UInt8]

    public init(ekCertificate: [UInt8]?, ekPublic: [UInt8], akPublic: [UInt8]) {
        self.ekCertificate = ekCertificate
        self.ekPublic = ekPublic
        self.akPublic = akPublic
    }

    enum CodingKeys: String, CodingKey {
        case ekCertificate = "ek_certificate"
        case ekPublic = "ek_public"
        case akPublic = "ak_public"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ekCertificate = try container.decodeIfPresent(String.self, forKey: .ekCertificate).map(Base64.decode)
        ekPublic = try Base64.decode(try container.decode(String.self, forKey: .ekPublic))
        akPublic = try Base64.decode(try container.decode(String.self, forKey: .akPublic))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(ekCertificate.map { Base64.encode($0) }, forKey: .ekCertificate)
        try container.encode(Base64.encode(ekPublic), forKey: .ekPublic)
        try container.encode(Base64.encode(akPublic), forKey: .akPublic)
    }
}
