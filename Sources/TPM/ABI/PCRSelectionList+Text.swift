extension PCRSelectionList {
    /// Parses tpm2-tools' selection syntax: banks joined by `+`, each `bank:indices` with indices as a comma list
    /// of numbers or ranges (`sha256:0-7,14+sha1:0`); indices are 0…31.
    public init(parsing text: String) throws {
        var banks: [PCRSelection] = []
        for bankText in text.split(separator: "+") {
            let parts = bankText.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let hash = TPMAlgorithmID(name: parts[0]), hash.isSupportedHash else {
                throw TPMError.invalidField(structure: "PCR selection", field: "bank", value: String(bankText))
            }
            var indices: [Int] = []
            for item in parts[1].split(separator: ",") {
                let bounds = item.split(separator: "-", maxSplits: 1).map { Int($0) }
                guard let low = bounds.first ?? nil, let high = bounds.last ?? nil, low >= 0, low <= high,
                    high < PCRSelection.maxSelectBytes * 8
                else { throw TPMError.invalidField(structure: "PCR selection", field: "indices", value: String(item)) }
                indices += Array(low...high)
            }
            guard !indices.isEmpty, banks.count < Self.maxBanks else {
                throw TPMError.invalidField(structure: "PCR selection", field: "bank", value: String(bankText))
            }
            banks.append(PCRSelection(hash: hash, indices: indices))
        }
        guard !banks.isEmpty else { throw TPMError.invalidField(structure: "PCR selection", field: "text", value: text) }
        self.init(banks)
    }
}
