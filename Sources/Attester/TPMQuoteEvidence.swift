public import AttestationCore
public import TPM

/// A quote collected by ``TPMAttester``, with everything a verifier needs beside it.
public struct TPMQuoteEvidence: Sendable, Hashable {
    /// The signed TPMS_ATTEST.
    public let attest: TPMSAttest
    /// The AK's signature.
    public let signature: TPMTSignature
    /// The AK's public area.
    public let akPublic: TPMTPublic
    /// The quoted PCR values, read back and checked against the quote's digest.
    public let pcrValues: PCRValues
    /// The EK certificate (DER), if the TPM has one.
    public let ekCertificate: [UInt8]?
    /// The firmware event log, if one was collected.
    public let eventLog: [UInt8]?

    /// The files `assay attest --tee tpm --out DIR` writes, by name: quote.msg (TPMS_ATTEST, as `tpm2_quote -m`),
    /// quote.sig (TPMT_SIGNATURE, `-s`), quote.pcrs (the values layout, `-o -F values`), ak.pub (TPM2B_PUBLIC,
    /// as `tpm2_createak -u`), ek.crt (DER) and eventlog.bin when present, and evidence.json: all but the EK
    /// certificate in one document (``platformParameters``).
    public var files: [String: [UInt8]] {
        var files: [String: [UInt8]] = [
            "evidence.json": platformParameters, "quote.msg": attest.bytes, "quote.sig": signature.bytes, "ak.pub": akPublic.sizedBytes,
            "quote.pcrs": attest.quoteInfo.flatMap { pcrValues.concatenated(for: $0.pcrSelect) } ?? [],
        ]
        files["ek.crt"] = ekCertificate
        files["eventlog.bin"] = eventLog
        return files
    }

    /// The evidence as the verifier takes it: the TPMS_ATTEST with tpm2-tools attachments.
    public var evidence: Evidence {
        var attachments: [String: [UInt8]] = [
            TPMEvidence.Attachment.signature.rawValue: signature.bytes,
            TPMEvidence.Attachment.akPublic.rawValue: akPublic.sizedBytes,
        ]
        attachments[TPMEvidence.Attachment.pcrs.rawValue] = files["quote.pcrs"]
        attachments[TPMEvidence.Attachment.ekCertificate.rawValue] = ekCertificate
        attachments[TPMEvidence.Attachment.eventLog.rawValue] = eventLog
        return Evidence(tee: .tpm, bytes: attest.bytes, attachments: attachments)
    }
}
