import AttestationCore

extension PCRValues {
    /// Bound on the number of TPML_DIGEST lists in a tpm2-tools serialized file (`TPM2_MAX_PCRS`).
    public static let maxDigestLists = 32
    /// Digests per TPML_DIGEST (`TPM2_NUM_PCR_BANKS` × … as tpm2-tss sizes it: 8).
    static let digestsPerList = 8
    /// Bytes of one TPMS_PCR_SELECTION in memory: hash (2), sizeofSelect (1), pcrSelect (4), padding (1).
    static let serializedSelectionBytes = 8
    /// Bytes of one TPM2B_DIGEST in memory: size (2) and a 64-byte buffer.
    static let serializedDigestBytes = 2 + 64
    /// Bytes of a TPML_PCR_SELECTION in memory: count (4) and 16 selections.
    static let serializedSelectionListBytes = 4 + PCRSelectionList.maxBanks * serializedSelectionBytes
    /// Bytes of a TPML_DIGEST in memory: count (4) and 8 digests.
    static let serializedDigestListBytes = 4 + digestsPerList * serializedDigestBytes

    /// Reads the PCR values of a tpm2-tools `tpm2_quote -o` / `tpm2_pcrread -o` file for a quote over `selection`.
    ///
    /// Two layouts are accepted: `values` (`-F values`: the selected digests concatenated in selection order) and
    /// `serialized` (the default: tpm2-tools' in-memory `tpm2_pcrs` structure, host byte order, little-endian on
    /// x86 and arm64: TPML_PCR_SELECTION, a UINT32 count, then that many TPML_DIGEST, each padded to 8 digests).
    public init(tpm2ToolsFile bytes: [UInt8], selection: PCRSelectionList) throws {
        var total = 0
        for bank in selection.banks {
            guard let size = bank.hash.digestSize else {
                throw TPMError.unsupportedAlgorithm(field: "PCR bank", algorithm: bank.hash)
            }
            total += size * bank.indices.count
        }
        if bytes.count == total {
            var reader = ByteReader(bytes)
            var banks: [TPMAlgorithmID: [Int: [UInt8]]] = [:]
            try TPMError.parsing("PCR values file") {
                for bank in selection.banks {
                    let size = bank.hash.digestSize ?? 0
                    var values = banks[bank.hash] ?? [:]
                    values.reserveCapacity(values.count + bank.indices.count)
                    for index in bank.indices {
                        values[index] = try reader.readArray(size, field: "PCR \(bank.hash.name):\(index)")
                    }
                    banks[bank.hash] = values
                }
            }
            self.init(banks)
            return
        }
        self = try Self(serialized: bytes)
    }

    /// Reads tpm2-tools' serialized `tpm2_pcrs` layout (see ``init(tpm2ToolsFile:selection:)``).
    init(serialized bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        self = try TPMError.parsing("tpm2-tools PCR values file") {
            let bankCount = try ByteReader.bounded(
                try reader.readLittleEndian(UInt32.self, field: "pcr_selections.count"), limit: PCRSelectionList.maxBanks,
                field: "pcr_selections.count")
            var selections: [PCRSelection] = []
            for slot in 0..<PCRSelectionList.maxBanks {
                let hash = TPMAlgorithmID(rawValue: try reader.readLittleEndian(UInt16.self, field: "pcr_selections[\(slot)].hash"))
                let size = try ByteReader.bounded(
                    try reader.readLittleEndian(UInt8.self, field: "pcr_selections[\(slot)].sizeofSelect"),
                    limit: PCRSelection.maxSelectBytes, field: "pcr_selections[\(slot)].sizeofSelect")
                let bitmap = try reader.readArray(PCRSelection.maxSelectBytes, field: "pcr_selections[\(slot)].pcrSelect")
                _ = try reader.read(1, field: "pcr_selections[\(slot)] padding")
                guard slot < bankCount else { continue }
                let indices = bitmap.prefix(size).enumerated().flatMap { byteIndex, byte in
                    (0..<8).filter { byte & (1 << $0) != 0 }.map { byteIndex * 8 + $0 }
                }
                selections.append(PCRSelection(hash: hash, indices: indices, selectSize: size))
            }
            let listCount = try ByteReader.bounded(
                try reader.readLittleEndian(UInt32.self, field: "pcr_values.count"), limit: Self.maxDigestLists,
                field: "pcr_values.count")
            var digests: [[UInt8]] = []
            for list in 0..<listCount {
                let count = try ByteReader.bounded(
                    try reader.readLittleEndian(UInt32.self, field: "pcr_values[\(list)].count"), limit: Self.digestsPerList,
                    field: "pcr_values[\(list)].count")
                for slot in 0..<Self.digestsPerList {
                    let size = try ByteReader.bounded(
                        try reader.readLittleEndian(UInt16.self, field: "pcr_values[\(list)].digests[\(slot)].size"),
                        limit: 64, field: "pcr_values[\(list)].digests[\(slot)].size")
                    let buffer = try reader.readArray(64, field: "pcr_values[\(list)].digests[\(slot)].buffer")
                    if slot < count { digests.append(Array(buffer.prefix(size))) }
                }
            }
            try reader.expectEnd(of: "tpm2-tools PCR values file")
            let entries = PCRSelectionList(selections).entries
            guard entries.count == digests.count else {
                throw TPMError.invalidPCRValues(
                    reason: "the file selects \(entries.count) PCRs but holds \(digests.count) values")
            }
            var values = PCRValues()
            for (entry, digest) in zip(entries, digests) {
                guard digest.count == entry.hash.digestSize else {
                    throw TPMError.invalidPCRValues(
                        reason: "PCR \(entry.hash.name):\(entry.index) has a \(digest.count)-byte value")
                }
                values[entry.hash, entry.index] = digest
            }
            return values
        }
    }
}
