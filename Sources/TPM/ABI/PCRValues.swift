public import AttestationCore

/// PCR values per bank: what a quote's digest is recomputed from and what an event log replays to.
public struct PCRValues: Sendable, Hashable {
    /// The digests, by bank and PCR index.
    public private(set) var banks: [TPMAlgorithmID: [Int: [UInt8]]]

    public init(_ banks: [TPMAlgorithmID: [Int: [UInt8]]] = [:]) { self.banks = banks }

    /// The value of PCR `index` in `bank`, if known.
    public subscript(bank: TPMAlgorithmID, index: Int) -> [UInt8]? {
        get { banks[bank]?[index] }
        set { banks[bank, default: [:]][index] = newValue }
    }

    /// Whether no value is known.
    public var isEmpty: Bool { banks.values.allSatisfy(\.isEmpty) }

    /// Adds every value of `other`, replacing values already known for the same PCR.
    public mutating func merge(_ other: PCRValues) {
        for (bank, values) in other.banks {
            banks[bank, default: [:]].merge(values) { _, new in new }
        }
    }

    /// The selected PCRs that have no value here, as `bank:index` strings.
    public func missing(from selection: PCRSelectionList) -> [String] {
        selection.entries.filter { self[$0.hash, $0.index] == nil }.map { "\($0.hash.name):\($0.index)" }
    }

    /// The selected values concatenated in selection order (what TPM2_Quote digests); nil if one is missing.
    public func concatenated(for selection: PCRSelectionList) -> [UInt8]? {
        var out: [UInt8] = []
        for entry in selection.entries {
            guard let value = self[entry.hash, entry.index] else { return nil }
            out += value
        }
        return out
    }

    /// `{"sha256": {"0": "…", "7": "…"}}` with lowercase hex values.
    public var json: JSONValue {
        .object(
            Dictionary(
                uniqueKeysWithValues: banks.filter { !$0.value.isEmpty }.map { bank, values in
                    (bank.name, JSONValue.object(Dictionary(uniqueKeysWithValues: values.map { (String($0.key), .hex($0.value)) })))
                }))
    }
}
