extension TCGEventLog {
    /// The `StartupLocality` EV_NO_ACTION signature: its last data byte is the locality that set PCR 0's
    /// initial value (TCG PC Client PFP, §10.4.5.3).
    static let startupLocalitySignature: [UInt8] = Array("StartupLocality".utf8) + [0]

    /// The PCR values a log replays to, per bank.
    public struct Replay: Sendable, Hashable {
        /// The replayed values of every PCR the log extends, per bank.
        public let values: PCRValues
        /// Banks the log names but that some measured event lacks a digest for (not replayable).
        public let incompleteBanks: [TPMAlgorithmID]
    }

    /// The banks this log records: the header's algorithms, or SHA-1 for a legacy log.
    public var banks: [TPMAlgorithmID] {
        specID?.algorithms.map(\.algorithm) ?? [.sha1]
    }

    /// Replays the log: each PCR starts at zero (PCR 0 at its startup locality), and every event except
    /// EV_NO_ACTION extends it as PCR = H(PCR ‖ digest), in every bank whose hash this build computes.
    public func replay() -> Replay {
        var values = PCRValues()
        var incomplete: [TPMAlgorithmID] = []
        for bank in banks {
            guard let size = bank.digestSize else { continue }
            var pcrs: [Int: [UInt8]] = [:]
            var complete = true
            for event in events {
                let index = Int(event.pcrIndex)
                if event.type == .noAction {
                    if index == 0, pcrs[0] == nil, event.data.count == Self.startupLocalitySignature.count + 1,
                        event.data.starts(with: Self.startupLocalitySignature), let locality = event.data.last
                    {
                        pcrs[0] = [UInt8](repeating: 0, count: size - 1) + [locality]
                    }
                    continue
                }
                guard let digest = event.digest(bank), let extended = try? bank.hash(
                    (pcrs[index] ?? [UInt8](repeating: 0, count: size)) + digest, field: "PCR bank")
                else {
                    complete = false
                    break
                }
                pcrs[index] = extended
            }
            if complete {
                for (index, value) in pcrs { values[bank, index] = value }
            } else {
                incomplete.append(bank)
            }
        }
        return Replay(values: values, incompleteBanks: incomplete)
    }
}
