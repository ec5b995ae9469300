public import TPM
import AttestationCore

extension TPMClient {
    /// Bound on the TPM2_PCR_Read round trips one read may take (8 values come back per call).
    static let maxPCRReadRounds = 64
    /// Bound on TPML_DIGEST.count in a TPM2_PCR_Read response.
    static let maxDigestsPerRead = 8

    /// TPM2_PCR_Read of every PCR in `selection`, in as many calls as the TPM needs.
    public func readPCRs(_ selection: PCRSelectionList) throws -> PCRValues {
        var values = PCRValues()
        var pending = selection.entries
        for _ in 0..<Self.maxPCRReadRounds where !pending.isEmpty {
            let request = PCRSelectionList(
                Dictionary(grouping: pending, by: \.hash).sorted { $0.key < $1.key }.map { hash, entries in
                    PCRSelection(hash: hash, indices: entries.map(\.index))
                })
            var parameters = TPMWriter()
            request.write(to: &parameters)
            let response = try execute(TPMCommand(code: .pcrRead, parameters: parameters.bytes))
            var reader = ByteReader(response.parameters)
            let (returned, digests) = try TPMError.parsing("TPM2_PCR_Read response") {
                _ = try reader.readBigEndian(UInt32.self, field: "pcrUpdateCounter")
                let returned = try PCRSelectionList(parsing: &reader)
                let count = try ByteReader.bounded(
                    try reader.readBigEndian(UInt32.self, field: "pcrValues.count"), limit: Self.maxDigestsPerRead,
                    field: "pcrValues.count")
                let digests = try (0..<count).map {
                    try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "pcrValues[\($0)]")
                }
                try reader.expectEnd(of: "TPM2_PCR_Read response")
                return (returned.entries, digests)
            }
            guard !returned.isEmpty, returned.count == digests.count else {
                throw TPMError.invalidPCRValues(
                    reason: "TPM2_PCR_Read returned \(digests.count) values for \(returned.count) PCRs; requested \(request.text)")
            }
            for (entry, digest) in zip(returned, digests) { values[entry.hash, entry.index] = digest }
            pending.removeAll { entry in returned.contains { $0.hash == entry.hash && $0.index == entry.index } }
        }
        guard pending.isEmpty else {
            throw TPMError.invalidPCRValues(reason: "the TPM did not return \(pending.map { "\($0.hash.name):\($0.index)" })")
        }
        return values
    }

    /// TPM2_PCR_Extend of PCR `index` with one digest per bank.
    public func extendPCR(_ index: Int, digests: [TCGEvent.Digest]) throws {
        var parameters = TPMWriter()
        parameters.write(UInt32(digests.count))
        for digest in digests {
            parameters.write(digest.algorithm)
            parameters.write(bytes: digest.value)
        }
        _ = try execute(
            TPMCommand(code: .pcrExtend, handles: [.pcr(index)], authorizations: [.password([])], parameters: parameters.bytes))
    }

    /// TPM2_Quote by the loaded key `signer` (empty password) over `selection`, with `qualifyingData` as
    /// extraData and the key's own signing scheme.
    public func quote(signer: TPMHandle, qualifyingData: [UInt8], selection: PCRSelectionList) throws -> (
        attest: TPMSAttest, signature: TPMTSignature
    ) {
        var parameters = TPMWriter()
        parameters.writeTPM2B(qualifyingData)
        parameters.write(TPMAlgorithmID.null)
        selection.write(to: &parameters)
        let response = try execute(
            TPMCommand(code: .quote, handles: [signer], authorizations: [.password([])], parameters: parameters.bytes))
        var reader = ByteReader(response.parameters)
        let (attest, signature) = try TPMError.parsing("TPM2_Quote response") {
            (try reader.readTPM2B(limit: TPMSAttest.maxBytes, field: "quoted"),
             try reader.readArray(reader.remaining, field: "signature"))
        }
        return (try TPMSAttest(parsing: attest), try TPMTSignature(parsing: signature))
    }
}
