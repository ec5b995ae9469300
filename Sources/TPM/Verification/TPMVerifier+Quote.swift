import AttestationCore
import PKI

extension TPMVerifier {
    /// Checks one quote (magic, type, signature, PCR digest, extraData binding) and returns the PCR values it
    /// vouches for, with its selection and the values concatenated as they were digested: all of them when the quote
    /// is a genuine, correctly signed quote whose digest they match.
    func checkQuote(
        _ quote: SignedQuote, label: String, key: VerificationKey, context: VerificationContext, _ verdict: inout Verdict
    ) -> (selection: PCRSelectionList, values: PCRValues, concatenated: [UInt8])? {
        let attest = quote.attest
        verdict.check(
            TPMCheck.quote(label, .magic), attest.magic == TPMSAttest.generatedValue,
            expected: "TPM_GENERATED_VALUE 0xff544347", observed: "0x" + String(attest.magic, radix: 16))
        verdict.check(
            TPMCheck.quote(label, .type), attest.type == .quote, expected: "\(TPMSAttest.StructureTag.quote)",
            observed: "\(attest.type)")
        let signed = quote.signature.isValid(over: attest.bytes, key: key)
        verdict.check(
            TPMCheck.quote(label, .signature), signed,
            expected: "a valid \(quote.signature.schemeDescription) signature by the AK (\(key.name)) over the TPMS_ATTEST",
            observed: "the signature does not verify")
        verdict.checkReportData(attest.extraData, binding: binding, context: context)
        guard let info = attest.quoteInfo, let values = quote.pcrValues else { return nil }
        guard let selected = values.selected(by: info.pcrSelect) else {
            verdict.fail(
                TPMCheck.quote(label, .pcrDigest), expected: "a value for every quoted PCR (\(info.pcrSelect.text))",
                observed: "no value for \(values.missing(from: info.pcrSelect).joined(separator: ", "))")
            return nil
        }
        let digest = try? cache.pcrDigest(selected.concatenated, hash: quote.signature.hash)
        verdict.check(
            TPMCheck.quote(label, .pcrDigest), digest == info.pcrDigest,
            expected: "pcrDigest \(Hex.encode(info.pcrDigest)) = \(quote.signature.hash.name) of the reported PCR values",
            observed: digest.map { "\(Hex.encode($0)) from the reported values" } ?? "a hash this build does not compute")
        guard digest == info.pcrDigest, signed, attest.magic == TPMSAttest.generatedValue else { return nil }
        return (info.pcrSelect, selected.values, selected.concatenated)
    }

    /// Checks that a TPM public area is a restricted signing key bound to its TPM (only such a key signs nothing
    /// but TPM-generated data, so a TPMS_ATTEST it signs cannot be forged through it).
    func checkAttestationKeyAttributes(_ key: AttestationKeyPublic, _ verdict: inout Verdict) {
        guard let area = key.tpmPublic else {
            verdict.notes.append(
                "the AK was given as a SubjectPublicKeyInfo: its TPM attributes and name cannot be checked; pass the TPM2B_PUBLIC (tpm2_createak -u) instead")
            return
        }
        AttestationKeyEnrollment.checkAttributes(
            area, required: [.restricted, .sign, .fixedTPM], forbidden: .decrypt, name: TPMCheck.akAttributes, &verdict)
    }

    /// Checks a go-attestation AK creation certificate: signed by the AK, of type CREATION, naming the AK and
    /// hashing the creation data.
    func checkCreation(_ creation: TPMEvidence.KeyCreation, ak: TPMTPublic, key: VerificationKey, _ verdict: inout Verdict) {
        var matches = false
        if case .creation(let info) = creation.attest.attested {
            let name = try? ak.name()
            let hash = try? ak.nameAlg.hash(creation.creationData, field: "AK nameAlg")
            matches = info.objectName == name && info.creationHash == hash
        }
        verdict.check(
            TPMCheck.akCreationCertified,
            matches && creation.attest.magic == TPMSAttest.generatedValue
                && creation.signature.isValid(over: creation.attest.bytes, key: key),
            expected: "a TPM_ST_ATTEST_CREATION signed by the AK naming the AK and hashing its creation data",
            observed: "the creation certification does not match the AK")
    }
}
