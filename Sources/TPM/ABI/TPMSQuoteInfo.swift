public import AttestationCore

/// TPMS_QUOTE_INFO: the PCRs a quote covers and the digest of their values (TPM 2.0 Part 2, §10.12.1).
public struct TPMSQuoteInfo: Sendable, Hashable {
    /// pcrSelect (TPML_PCR_SELECTION): the banks and PCRs quoted, in digest order.
    public let pcrSelect: PCRSelectionList
    /// pcrDigest (TPM2B_DIGEST): the hash, under the signing scheme's hash, of the selected PCR values concatenated.
    public let pcrDigest: [UInt8]

    public init(pcrSelect: PCRSelectionList, pcrDigest: [UInt8]) {
        self.pcrSelect = pcrSelect
        self.pcrDigest = pcrDigest
    }

    public init(parsing reader: inout ByteReader) throws {
        pcrSelect = try PCRSelectionList(parsing: &reader)
        pcrDigest = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "TPMS_QUOTE_INFO.pcrDigest")
    }

    /// Marshals the quote body.
    public func write(to writer: inout TPMWriter) {
        pcrSelect.write(to: &writer)
        writer.writeTPM2B(pcrDigest)
    }
}
