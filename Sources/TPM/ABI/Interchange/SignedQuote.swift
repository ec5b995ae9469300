/// One TPM2_Quote: the signed TPMS_ATTEST, its TPMT_SIGNATURE and, when the attester sent them, the PCR values
/// it covers.
public struct SignedQuote: Sendable, Hashable {
    /// The attestation as signed.
    public let attest: TPMSAttest
    /// The AK's signature over ``TPMSAttest/bytes``.
    public let signature: TPMTSignature
    /// The PCR values the attester reports for the quote's selection, if any.
    public let pcrValues: PCRValues?

    public init(attest: TPMSAttest, signature: TPMTSignature, pcrValues: PCRValues?) {
        self.attest = attest
        self.signature = signature
        self.pcrValues = pcrValues
    }
}
