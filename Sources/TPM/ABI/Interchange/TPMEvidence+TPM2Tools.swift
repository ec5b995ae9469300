public import AttestationCore

extension TPMEvidence {
    /// Reads tpm2-tools style evidence: the primary blob is the TPMS_ATTEST (`tpm2_quote -m`), the attachments
    /// carry the signature, the AK public, and optionally PCR values, an event log and EK/AK certificates.
    public init(tpm2Tools evidence: Evidence, readers: Readers = .parsing) throws {
        let attachment = { (name: Attachment) in evidence.attachments[name.rawValue] }
        guard let signatureBytes = attachment(.signature) else {
            throw TPMError.missingPart("quote signature", hint: "pass the TPMT_SIGNATURE file with --signature")
        }
        guard let akBytes = attachment(.akPublic) else {
            throw TPMError.missingPart(
                "AK public key", hint: "pass the AK public area or PEM key with --ak-public (tpm2_createak -u)")
        }
        let attest = try TPMSAttest(parsing: evidence.bytes)
        let signature = try TPMTSignature(parsing: signatureBytes)
        let pcrValues = try attachment(.pcrs).map { file -> PCRValues in
            guard let selection = attest.quoteInfo?.pcrSelect else {
                throw TPMError.invalidPCRValues(reason: "the attestation is a \(attest.type), not a quote")
            }
            return try readers.pcrValues(file, selection)
        }
        var intermediates: [[UInt8]] = []
        var akCertificate: [UInt8]?
        if let bytes = attachment(.akCertificate) {
            let chain = try Self.certificates(bytes, role: "AK certificate")
            akCertificate = chain.first
            intermediates = Array(chain.dropFirst().prefix(Self.maxIntermediates))
        }
        self.init(
            format: .tpm2Tools, quotes: [SignedQuote(attest: attest, signature: signature, pcrValues: pcrValues)],
            attestationKey: try readers.attestationKey(akBytes),
            eventLog: try attachment(.eventLog).map(readers.eventLog), akCertificate: akCertificate,
            intermediateCertificates: intermediates,
            ekCertificate: try attachment(.ekCertificate).map { try Self.certificates($0, role: "EK certificate")[0] })
    }
}
