import TPM

/// `tpm-structures`: the TPM 2.0 structures evidence is made of; the first byte picks the parser of the rest:
/// 0 TPMS_ATTEST, 1 TPMT_PUBLIC (with its name and key), 2 TPMT_SIGNATURE, 3 an AK public as tpm2-tools writes it
/// (TPM2B_PUBLIC, TPMT_PUBLIC, or PEM/DER SubjectPublicKeyInfo).
public enum TPMStructuresFuzzTarget: FuzzTarget {
    public static let name = "tpm-structures"

    public static func run(_ bytes: [UInt8]) {
        let input = FuzzInput(bytes)
        switch input.selector % 4 {
        case 0:
            guard let attest = try? TPMSAttest(parsing: input.rest) else { return }
            FuzzInput.require(attest.bytes == input.rest, "TPMS_ATTEST does not keep the exact bytes")
            _ = attest.quoteInfo?.pcrSelect.text
        case 1:
            guard let area = try? TPMTPublic(parsing: input.rest) else { return }
            check(area)
        case 2:
            guard let signature = try? TPMTSignature(parsing: input.rest) else { return }
            _ = signature.schemeDescription
        default:
            guard let key = try? AttestationKeyPublic(parsing: input.rest) else { return }
            _ = try? key.verificationKey()
            if let area = key.tpmPublic { check(area) }
        }
    }

    static func check(_ area: TPMTPublic) {
        let sized = try? TPMTPublic(parsingSized: area.sizedBytes)
        FuzzInput.require(sized == area, "TPM2B_PUBLIC of a parsed TPMT_PUBLIC does not parse back to it")
        _ = try? area.name()
        _ = area.keyDescription
        _ = try? area.subjectPublicKeyInfo()
        _ = try? area.verificationKey()
    }
}
