import AttestationCore

/// The attestation key's public part as evidence carries it: a TPM public area (whose name the TPM can
/// certify and a credential can be bound to) or only a SubjectPublicKeyInfo (`tpm2_createak -f pem`).
public enum AttestationKeyPublic: Sendable, Hashable {
    /// TPMT_PUBLIC.
    case tpm(TPMTPublic)
    /// A DER SubjectPublicKeyInfo.
    case subjectPublicKeyInfo([UInt8])

    /// Reads a TPM2B_PUBLIC or TPMT_PUBLIC (as tpm2-tools writes `-u`), or a PEM or DER SubjectPublicKeyInfo.
    public init(parsing bytes: [UInt8]) throws {
        if bytes.count >= 2, Int(bytes[0]) << 8 | Int(bytes[1]) == bytes.count - 2 {
            self = .tpm(try TPMTPublic(parsingSized: bytes))
        } else if bytes.first == 0x30 {
            self = .subjectPublicKeyInfo(bytes)
        } else if PEM.isPEM(bytes) {
            guard let block = try PEM.blocks(in: bytes).first(where: { $0.label == "PUBLIC KEY" }) else {
                throw TPMError.unsupportedKey("the PEM file has no PUBLIC KEY block")
            }
            self = .subjectPublicKeyInfo(block.derBytes)
        } else {
            self = .tpm(try TPMTPublic(parsing: bytes))
        }
    }

    /// The TPM public area, when the evidence carries one.
    public var tpmPublic: TPMTPublic? {
        if case .tpm(let area) = self { return area }
        return nil
    }
}
