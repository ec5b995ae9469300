import AttestationCore
import TPM

extension TPMQuoteEvidence {
    /// The quote as one JSON document in go-attestation's `PlatformParameters` form (`TPMVersion`, `Public` =
    /// TPM2B_PUBLIC, `Quotes[]` = {`Version`, `Quote`, `Signature`}, `PCRs[]` = {`Index`, `Digest`, `DigestAlg`},
    /// `EventLog`; bytes base64, `DigestAlg` a Go `crypto.Hash` number): a single evidence blob, for channels
    /// such as `POST /v1/attest` that carry no attachments. ``TPMEvidence`` reads it back as `go-attestation`.
    /// The EK certificate is not part of it (a verifier knows the EK from the AK's enrollment); a PCR bank Go has
    /// no `crypto.Hash` number for (SM3) is left out, and a verifier then reports its quoted PCRs missing.
    public var platformParameters: [UInt8] {
        var pcrs: [JSONValue] = []
        for (bank, values) in pcrValues.banks.sorted(by: { $0.key < $1.key }) {
            guard let number = TPMEvidence.goCryptoHashes.first(where: { $0.value == bank })?.key else { continue }
            for (index, digest) in values.sorted(by: { $0.key < $1.key }) {
                pcrs.append(["Index": .integer(Int64(index)), "Digest": .string(Base64.encode(digest)), "DigestAlg": .integer(number)])
            }
        }
        var document: [String: JSONValue] = [
            "TPMVersion": 2,
            "Public": .string(Base64.encode(akPublic.sizedBytes)),
            "Quotes": [
                ["Version": 2, "Quote": .string(Base64.encode(attest.bytes)), "Signature": .string(Base64.encode(signature.bytes))]
            ],
            "PCRs": .array(pcrs),
        ]
        document["EventLog"] = eventLog.map { .string(Base64.encode($0)) }
        return Array(JSONValue.object(document).compactText.utf8)
    }
}
