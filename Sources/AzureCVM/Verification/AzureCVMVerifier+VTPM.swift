import AttestationCore
import Crypto
import PKI
import TPM

extension AzureCVMVerifier {
    /// The vTPM half: a TPM-generated quote, signed by the HCL's AK, whose pcrDigest the PCR values reproduce and
    /// whose extraData binds the runtime data the context expects.
    func checkQuote(
        _ quote: VTPMQuote, key: Result<VerificationKey, AzureCVMError>, context: VerificationContext, into verdict: inout Verdict
    ) {
        let attest = quote.attest
        verdict.check(
            AzureCheck.vtpmQuoteMagicType, attest.magic == TPMSAttest.generatedValue && attest.type == .quote,
            expected: "TPM_GENERATED_VALUE 0xff544347 and \(TPMSAttest.StructureTag.quote)",
            observed: "magic 0x\(String(attest.magic, radix: 16)), type \(attest.type)")
        switch key {
        case .success(let key):
            let signature = TPMTSignature(hash: .sha256, value: .rsassa(quote.signature))
            verdict.check(
                AzureCheck.vtpmQuoteSignature, signature.isValid(over: attest.bytes, key: key),
                expected: "an RSASSA-PKCS1-v1_5 SHA-256 signature over the TPMS_ATTEST by \(HCLRuntimeData.attestationKeyID) "
                    + "(\(key.name)) of the HCL runtime data",
                observed: "the signature does not verify (quote altered, or the AK is not the one the hardware report binds)")
        case .failure(let error):
            verdict.fail(
                AzureCheck.vtpmQuoteSignature, expected: "an \(HCLRuntimeData.attestationKeyID) RSA key in the HCL runtime data",
                observed: error.description)
        }
        verdict.checkReportData(attest.extraData, binding: binding, context: context)
        guard let info = attest.quoteInfo else { return }
        let selection = info.pcrSelect.entries
        let reported = Self.pcrValues(quote)
        let concatenated = reported?.concatenated(for: info.pcrSelect)
        let digest = concatenated.map { Array(SHA256.hash(data: $0)) }
        verdict.check(
            AzureCheck.vtpmPCRsMatchDigest, digest == info.pcrDigest,
            expected: "pcrDigest \(Hex.encode(info.pcrDigest)) = SHA-256 of the \(selection.count) selected SHA-256 PCR values",
            observed: digest.map { "\(Hex.encode($0)) from the reported values" }
                ?? "\(quote.pcrs.count) values for a selection of \(selection.count) PCRs of banks \(Set(selection.map(\.hash.name)).sorted())")
    }

    /// The reported values by (bank, index): the i-th value is the i-th PCR of the quote's selection; nil when the
    /// counts differ or a selected bank is not SHA-256.
    static func pcrValues(_ quote: VTPMQuote) -> PCRValues? {
        guard let info = quote.attest.quoteInfo else { return nil }
        let selection = info.pcrSelect.entries
        guard selection.count == quote.pcrs.count, selection.allSatisfy({ $0.hash == .sha256 }) else { return nil }
        var values = PCRValues()
        for (entry, value) in zip(selection, quote.pcrs) { values[entry.hash, entry.index] = value }
        return values
    }
}
