public import AttestationCore

/// TPMS_PCR_SELECTION: one PCR bank and the PCRs selected in it (TPM 2.0 Part 2, §10.6.2).
public struct PCRSelection: Sendable, Hashable {
    /// Largest `sizeofSelect` accepted: 4 bytes select PCRs 0–31 (tpm2-tss `TPM2_PCR_SELECT_MAX`).
    public static let maxSelectBytes = 4
    /// The `sizeofSelect` a TPM with 24 PCRs uses (`PCR_SELECT_MIN`).
    public static let standardSelectBytes = 3

    /// The bank's hash algorithm.
    public let hash: TPMAlgorithmID
    /// The selected PCR indices, ascending.
    public let indices: [Int]
    /// `sizeofSelect`: the bitmap's length in bytes.
    public let selectSize: Int

    /// A selection of `indices` in the `hash` bank; indices outside 0..<32 are dropped, and the bitmap is
    /// `selectSize` bytes (clamped to what the indices need and to ``maxSelectBytes``).
    public init(hash: TPMAlgorithmID, indices: some Sequence<Int>, selectSize: Int = PCRSelection.standardSelectBytes) {
        let valid = Set(indices.filter { $0 >= 0 && $0 < Self.maxSelectBytes * 8 })
        self.hash = hash
        self.indices = valid.sorted()
        self.selectSize = min(max(selectSize, (valid.max().map { $0 / 8 + 1 }) ?? 0), Self.maxSelectBytes)
    }

    /// Reads hash (UINT16), sizeofSelect (UINT8) and the pcrSelect bitmap (bit n of byte n/8 selects PCR n).
    public init(parsing reader: inout ByteReader) throws {
        hash = try reader.readAlgorithm(field: "TPMS_PCR_SELECTION.hash")
        selectSize = try ByteReader.bounded(
            try reader.readBigEndian(UInt8.self, field: "TPMS_PCR_SELECTION.sizeofSelect"), limit: Self.maxSelectBytes,
            field: "TPMS_PCR_SELECTION.sizeofSelect")
        let bitmap = try reader.readArray(selectSize, field: "TPMS_PCR_SELECTION.pcrSelect")
        var indices: [Int] = []
        for (byteIndex, byte) in bitmap.enumerated() {
            for bit in 0..<8 where byte & (1 << bit) != 0 { indices.append(byteIndex * 8 + bit) }
        }
        self.indices = indices
    }

    /// The bitmap `pcrSelect` of ``selectSize`` bytes.
    public var bitmap: [UInt8] {
        var bitmap = [UInt8](repeating: 0, count: selectSize)
        for index in indices { bitmap[index / 8] |= 1 << (index % 8) }
        return bitmap
    }

    /// Marshals the selection.
    public func write(to writer: inout TPMWriter) {
        writer.write(hash)
        writer.write(UInt8(truncatingIfNeeded: selectSize))
        writer.write(bytes: bitmap)
    }
}

/// TPML_PCR_SELECTION: the banks and PCRs a quote covers, in the order their values are digested.
public struct PCRSelectionList: Sendable, Hashable {
    /// Largest number of banks accepted (tpm2-tss `TPM2_NUM_PCR_BANKS`).
    public static let maxBanks = 16

    /// The selections, in wire order.
    public let banks: [PCRSelection]

    public init(_ banks: [PCRSelection]) { self.banks = banks }

    /// Reads count (UINT32) and that many TPMS_PCR_SELECTION.
    public init(parsing reader: inout ByteReader) throws {
        let count = try ByteReader.bounded(
            try reader.readBigEndian(UInt32.self, field: "TPML_PCR_SELECTION.count"), limit: Self.maxBanks,
            field: "TPML_PCR_SELECTION.count")
        var banks: [PCRSelection] = []
        for _ in 0..<count { banks.append(try PCRSelection(parsing: &reader)) }
        self.banks = banks
    }

    /// Marshals the list.
    public func write(to writer: inout TPMWriter) {
        writer.write(UInt32(banks.count))
        for bank in banks { bank.write(to: &writer) }
    }

    /// Every (bank, PCR) pair in digest order.
    public var entries: [(hash: TPMAlgorithmID, index: Int)] {
        banks.flatMap { bank in bank.indices.map { (bank.hash, $0) } }
    }

    /// `sha256:0,1,7+sha1:0`, as tpm2-tools writes selections.
    public var text: String {
        // Built as UTF-8 bytes and made a String once (a quote's claims carry it); indices are 0…31.
        var text: [UInt8] = []
        for bank in banks {
            if !text.isEmpty { text.append(UInt8(ascii: "+")) }
            text += bank.hash.name.utf8
            text.append(UInt8(ascii: ":"))
            for (position, index) in bank.indices.enumerated() {
                if position > 0 { text.append(UInt8(ascii: ",")) }
                if index >= 10 { text.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: index / 10 % 10)) }
                text.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: index % 10))
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
