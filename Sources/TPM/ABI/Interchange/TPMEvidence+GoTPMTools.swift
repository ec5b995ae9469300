import AttestationCore

extension TPMEvidence {
    /// Bound on the PCR values of one quote.
    static let maxPCRsPerQuote = 32

    /// Reads go-tpm-tools' `attest.Attestation` protobuf: ak_pub (1, TPMT_PUBLIC), quotes (2, repeated
    /// `tpm.Quote`), event_log (3), ak_cert (6, DER), intermediate_certs (7, DER). Other fields (instance info,
    /// canonical event log, SEV-SNP/TDX attestations) are skipped.
    public init(goTPMToolsAttestation bytes: [UInt8], readers: Readers = .parsing) throws {
        guard bytes.count <= Evidence.maxBytes else {
            throw TPMError.malformedProtobuf(message: "Attestation", reason: "\(bytes.count) bytes is above the limit")
        }
        let message = "Attestation"
        var reader = ProtobufReader(bytes[...], message: message)
        var akPublic: TPMTPublic?
        var quotes: [SignedQuote] = []
        var eventLog: TCGEventLog?
        var akCertificate: [UInt8]?
        var intermediates: [[UInt8]] = []
        while let field = try reader.next() {
            switch field.number {
            case 1: akPublic = try TPMTPublic(parsing: Array(try field.lengthDelimited(in: message)))
            case 2:
                guard quotes.count < Self.maxQuotes else {
                    throw TPMError.malformedProtobuf(message: message, reason: "more than \(Self.maxQuotes) quotes")
                }
                quotes.append(try Self.quote(try field.lengthDelimited(in: message), readers: readers))
            case 3: eventLog = try readers.eventLog(Array(try field.lengthDelimited(in: message)))
            case 6: akCertificate = try Self.certificates(Array(try field.lengthDelimited(in: message)), role: "AK certificate")[0]
            case 7:
                guard intermediates.count < Self.maxIntermediates else {
                    throw TPMError.malformedProtobuf(message: message, reason: "more than \(Self.maxIntermediates) intermediates")
                }
                intermediates += try Self.certificates(Array(try field.lengthDelimited(in: message)), role: "intermediate certificate")
            default: continue
            }
        }
        guard let akPublic else {
            throw TPMError.malformedProtobuf(message: message, reason: "ak_pub (field 1) is missing")
        }
        guard !quotes.isEmpty else {
            throw TPMError.malformedProtobuf(message: message, reason: "there are no quotes (field 2)")
        }
        self.init(
            format: .goTPMTools, quotes: quotes, attestationKey: .tpm(akPublic), eventLog: eventLog,
            akCertificate: akCertificate, intermediateCertificates: intermediates)
    }

    /// `tpm.Quote`: quote (1, TPMS_ATTEST), raw_sig (2, TPMT_SIGNATURE), pcrs (3, `tpm.PCRs`).
    static func quote(_ bytes: ArraySlice<UInt8>, readers: Readers) throws -> SignedQuote {
        let message = "Quote"
        var reader = ProtobufReader(bytes, message: message)
        var attest: TPMSAttest?
        var signature: TPMTSignature?
        var pcrs: PCRValues?
        while let field = try reader.next() {
            switch field.number {
            case 1: attest = try TPMSAttest(parsing: Array(try field.lengthDelimited(in: message)))
            case 2: signature = try TPMTSignature(parsing: Array(try field.lengthDelimited(in: message)))
            case 3: pcrs = try readers.pcrValues(Array(try field.lengthDelimited(in: message)), nil)
            default: continue
            }
        }
        guard let attest, let signature else {
            throw TPMError.malformedProtobuf(message: message, reason: "quote (1) or raw_sig (2) is missing")
        }
        return SignedQuote(attest: attest, signature: signature, pcrValues: pcrs)
    }

    /// `tpm.PCRs`: hash (1, TPM_ALG_ID) and pcrs (2, map<uint32, bytes> entries of key 1 and value 2).
    static func pcrs(_ bytes: ArraySlice<UInt8>) throws -> PCRValues {
        let message = "PCRs"
        var reader = ProtobufReader(bytes, message: message)
        var hash: TPMAlgorithmID?
        var entries: [Int: [UInt8]] = [:]
        var entryCount = 0
        while let field = try reader.next() {
            switch field.number {
            case 1:
                let value = try field.varintValue(in: message)
                guard value <= UInt64(UInt16.max) else {
                    throw TPMError.malformedProtobuf(message: message, reason: "hash \(value) is not a TPM_ALG_ID")
                }
                hash = TPMAlgorithmID(rawValue: UInt16(value))
            case 2:
                guard entryCount < Self.maxPCRsPerQuote else {
                    throw TPMError.malformedProtobuf(message: message, reason: "more than \(Self.maxPCRsPerQuote) PCRs")
                }
                var entry = ProtobufReader(try field.lengthDelimited(in: message), message: "PCRs.PcrsEntry")
                var index: UInt64 = 0
                var value: [UInt8] = []
                while let part = try entry.next() {
                    switch part.number {
                    case 1: index = try part.varintValue(in: "PCRs.PcrsEntry")
                    case 2: value = Array(try part.lengthDelimited(in: "PCRs.PcrsEntry"))
                    default: continue
                    }
                }
                guard index < UInt64(Self.maxPCRsPerQuote) else {
                    throw TPMError.malformedProtobuf(message: message, reason: "PCR index \(index)")
                }
                entries[Int(index)] = value
                entryCount += 1
            default: continue
            }
        }
        guard let hash else { throw TPMError.malformedProtobuf(message: message, reason: "hash (1) is missing") }
        if let index = entries.keys.sorted().first(where: { entries[$0]?.count != hash.digestSize }) {
            throw TPMError.invalidPCRValues(reason: "PCR \(hash.name):\(index) has a \((entries[index] ?? []).count)-byte value")
        }
        return entries.isEmpty ? PCRValues() : PCRValues([hash: entries])
    }
}
