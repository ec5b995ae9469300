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
            if banks[bank] == nil {
                banks[bank] = values
            } else {
                banks[bank, default: [:]].merge(values) { _, new in new }
            }
        }
    }

    /// The selected PCRs that have no value here, as `bank:index` strings.
    public func missing(from selection: PCRSelectionList) -> [String] {
        selection.entries.filter { self[$0.hash, $0.index] == nil }.map { "\($0.hash.name):\($0.index)" }
    }

    /// The selected values concatenated in selection order (what TPM2_Quote digests); nil if one is missing.
    public func concatenated(for selection: PCRSelectionList) -> [UInt8]? {
        selected(by: selection)?.concatenated
    }

    /// The selected values, concatenated in selection order and as PCR values of their own (a quote vouches for
    /// these and no others); nil if one is missing. Looks each bank up once: a quote is checked with this.
    public func selected(by selection: PCRSelectionList) -> (values: PCRValues, concatenated: [UInt8])? {
        var kept: [TPMAlgorithmID: [Int: [UInt8]]] = [:]
        var concatenated: [UInt8] = []
        concatenated.reserveCapacity(selection.banks.reduce(0) { $0 + $1.indices.count * ($1.hash.digestSize ?? 0) })
        for bank in selection.banks where !bank.indices.isEmpty {
            guard let known = banks[bank.hash] else { return nil }
            for index in bank.indices {
                guard let value = known[index] else { return nil }
                concatenated += value
            }
            // The common case: exactly the selected PCRs were reported, and the bank is kept as it is.
            if known.count == bank.indices.count, kept[bank.hash] == nil {
                kept[bank.hash] = known
            } else {
                for index in bank.indices { kept[bank.hash, default: [:]][index] = known[index] }
            }
        }
        return (PCRValues(kept), concatenated)
    }

    /// `{"sha256": {"0": "…", "7": "…"}}` with lowercase hex values.
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        for (bank, values) in banks where !values.isEmpty {
            var bankObject: [String: JSONValue] = [:]
            bankObject.reserveCapacity(values.count)
            for (index, value) in values {
                bankObject[Self.indexNames.indices.contains(index) ? Self.indexNames[index] : String(index)] = .hex(value)
            }
            object[bank.name] = .object(bankObject)
        }
        return .object(object)
    }

    /// `"0"` … `"31"`, the names of the PCRs a TPM has, made once.
    static let indexNames = (0..<32).map(String.init)
}
