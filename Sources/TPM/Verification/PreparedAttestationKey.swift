import AttestationCore
import PKI

/// What a ``TPMVerifier`` derives from an AK's public part before checking any quote: the verification key, the
/// TPM name and the SubjectPublicKeyInfo to compare with an AK certificate. It depends only on the key's bytes,
/// so ``TPMVerificationCache`` keeps it per AK.
struct PreparedAttestationKey: Sendable {
    /// The key that verifies quote signatures.
    let key: VerificationKey
    /// The AK's TPM name, when the evidence carries its public area.
    let name: [UInt8]?
    /// The `ak_name` claim: the name in hex.
    let nameClaim: JSONValue?
    /// The DER SubjectPublicKeyInfo, nil when it cannot be encoded (an AK certificate then does not match).
    let subjectPublicKeyInfo: [UInt8]?
    /// `RSA-2048`, `ECC P-256`.
    let description: String

    /// Derives everything from `ak`; throws when its key is not one Assay verifies with or its name algorithm is
    /// not a hash this build computes.
    init(_ ak: AttestationKeyPublic) throws {
        key = try ak.verificationKey()
        name = try ak.tpmPublic?.name()
        nameClaim = name.map(JSONValue.hex)
        subjectPublicKeyInfo = try? ak.subjectPublicKeyInfo()
        description = ak.keyDescription
    }
}
