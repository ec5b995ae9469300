import AttestationCore

/// What the verifier sends an attester to prove its AK lives in the TPM holding an EK: TPM2_MakeCredential output
/// (TPM 2.0 Part 1, §24). Only that TPM can run TPM2_ActivateCredential on it and recover the secret.
public struct CredentialChallenge: Sendable, Hashable, Codable {
    /// TPM2B_ID_OBJECT contents: the outer HMAC (TPM2B_DIGEST) followed by the encrypted credential.
    public let credentialBlob: [UInt8]
    /// TPM2B_ENCRYPTED_SECRET contents: the seed, RSA-OAEP encrypted to the EK, or an ephemeral ECC point.
    public let encryptedSecret: [UInt8]

    public init(credentialBlob: [UInt8], encryptedSecret: [UInt8]) {
        self.credentialBlob = credentialBlob
        self.encryptedSecret = encryptedSecret
    }

    enum CodingKeys: String, CodingKey {
        case credentialBlob = "credential_blob"
        case encryptedSecret = "encrypted_secret"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        credentialBlob = try Base64.decode(try container.decode(String.self, forKey: .credentialBlob))
        encryptedSecret = try Base64.decode(try container.decode(String.self, forKey: .encryptedSecret))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Base64.encode(credentialBlob), forKey: .credentialBlob)
        try container.encode(Base64.encode(encryptedSecret), forKey: .encryptedSecret)
    }
}

/// The attester's answer to a ``CredentialChallenge``: the secret TPM2_ActivateCredential recovered.
public struct CredentialResponse: Sendable, Hashable, Codable {
    /// The recovered credential.
    public let secret: [UInt8]

    public init(secret: [UInt8]) { self.secret = secret }

    enum CodingKeys: String, CodingKey { case secret }

    public init(from decoder: any Decoder) throws {
        secret = try Base64.decode(try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .secret))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Base64.encode(secret), forKey: .secret)
    }
}
