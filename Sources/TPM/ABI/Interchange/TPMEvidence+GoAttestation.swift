import AttestationCore

extension TPMEvidence {
    /// Go's `crypto.Hash` numbers, as go-attestation writes `DigestAlg`: SHA-1 = 3, SHA-256 = 5, SHA-384 = 6,
    /// SHA-512 = 7.
    public static let goCryptoHashes: [Int64: TPMAlgorithmID] = [3: .sha1, 5: .sha256, 6: .sha384, 7: .sha512]

    /// Reads a go-attestation JSON dump: `AK.Public` (TPMT_PUBLIC or TPM2B_PUBLIC, base64), `AK.CreateData`,
    /// `AK.CreateAttestation`, `AK.CreateSignature` (optional), `Quote` or `Quotes[]` (`Quote` = TPMS_ATTEST,
    /// `Signature` = TPMT_SIGNATURE), `Log.PCRs[]` or `PCRs[]` ({Index, Digest, DigestAlg}) and `Log.Raw` or
    /// `EventLog` (the event log). `Static.EKPem` is read as the EK certificate when present.
    public init(goAttestationDump bytes: [UInt8], readers: Readers = .parsing) throws {
        let root: JSONValue
        do { root = try JSONValue(parsing: bytes) } catch { throw TPMError.malformedDump(reason: "\(error)") }
        let ak = root["AK"]
        guard let publicText = (ak?["Public"] ?? root["Public"])?.stringValue else {
            throw TPMError.malformedDump(reason: "AK.Public is missing")
        }
        let attestationKey = try readers.attestationKey(try Self.base64(publicText, "AK.Public"))

        let quoteObjects = root["Quotes"]?.arrayValue ?? root["Quote"].map { [$0] } ?? []
        guard !quoteObjects.isEmpty else { throw TPMError.malformedDump(reason: "there is no Quote") }
        guard quoteObjects.count <= Self.maxQuotes else {
            throw TPMError.malformedDump(reason: "more than \(Self.maxQuotes) quotes")
        }
        var reported = PCRValues()
        let pcrEntries = (root["Log"]?["PCRs"] ?? root["PCRs"])?.arrayValue ?? []
        guard pcrEntries.count <= Self.maxPCRsPerQuote * PCRSelectionList.maxBanks else {
            throw TPMError.malformedDump(reason: "too many PCR values (\(pcrEntries.count))")
        }
        for entry in pcrEntries {
            guard let index = entry["Index"]?.integerValue, index >= 0, index < Int64(Self.maxPCRsPerQuote),
                let algorithmNumber = entry["DigestAlg"]?.integerValue,
                let algorithm = Self.goCryptoHashes[algorithmNumber], let digestText = entry["Digest"]?.stringValue
            else { throw TPMError.malformedDump(reason: "a PCRs entry lacks Index, DigestAlg or Digest") }
            let digest = try Self.base64(digestText, "PCRs[\(index)].Digest")
            guard digest.count == algorithm.digestSize else {
                throw TPMError.malformedDump(reason: "PCR \(algorithm.name):\(index) has a \(digest.count)-byte value")
            }
            reported[algorithm, Int(index)] = digest
        }
        let quotes = try quoteObjects.map { object -> SignedQuote in
            guard let quoteText = object["Quote"]?.stringValue, let signatureText = object["Signature"]?.stringValue else {
                throw TPMError.malformedDump(reason: "a quote lacks Quote or Signature")
            }
            let attest = try TPMSAttest(parsing: try Self.base64(quoteText, "Quote"))
            let banks = Set(attest.quoteInfo?.pcrSelect.banks.map(\.hash) ?? [])
            let values = PCRValues(reported.banks.filter { banks.contains($0.key) })
            return SignedQuote(
                attest: attest, signature: try TPMTSignature(parsing: try Self.base64(signatureText, "Signature")),
                pcrValues: values.isEmpty ? nil : values)
        }

        var creation: KeyCreation?
        if let data = ak?["CreateData"]?.stringValue, let attestation = ak?["CreateAttestation"]?.stringValue,
            let signature = ak?["CreateSignature"]?.stringValue
        {
            creation = KeyCreation(
                creationData: try Self.base64(data, "AK.CreateData"),
                attest: try TPMSAttest(parsing: try Self.base64(attestation, "AK.CreateAttestation")),
                signature: try TPMTSignature(parsing: try Self.base64(signature, "AK.CreateSignature")))
        }
        let logText = (root["Log"]?["Raw"] ?? root["EventLog"])?.stringValue
        let ekPEM = root["Static"]?["EKPem"]?.stringValue
        self.init(
            format: .goAttestation, quotes: quotes, attestationKey: attestationKey,
            eventLog: try logText.map { try readers.eventLog(try Self.base64($0, "Log.Raw")) },
            ekCertificate: try ekPEM.map { try Self.certificates(Array($0.utf8), role: "EK certificate")[0] },
            akCreation: creation)
    }

    static func base64(_ text: String, _ member: String) throws -> [UInt8] {
        do { return try Base64.decode(text) } catch { throw TPMError.malformedDump(reason: "\(member) is not base64") }
    }
}
