import AttestationCore

extension TPMVerifier {
    /// Replays `log` and compares it, bank by bank, with the PCR values the quotes vouch for; returns the events
    /// of the PCRs whose replay was compared (the only events the quote makes trustworthy), by PCR index.
    func checkEventLog(_ log: TCGEventLog, quoted: PCRValues, _ verdict: inout Verdict) -> JSONValue? {
        let replayed = cache.replayed(log)
        let replay = replayed.replay
        var compared: Set<Int> = []
        for bank in replay.values.banks.keys.sorted() {
            guard let replayed = replay.values.banks[bank], let quotedBank = quoted.banks[bank] else { continue }
            let indices = replayed.keys.filter { quotedBank[$0] != nil }.sorted()
            guard !indices.isEmpty else { continue }
            compared.formUnion(indices)
            let mismatches = indices.filter { replayed[$0] != quotedBank[$0] }
            verdict.check(
                TPMCheck.eventLogReplay(bank), mismatches.isEmpty,
                expected: "the \(bank.name) event log digests to replay to the quoted PCRs \(indices.map(String.init).joined(separator: ","))",
                observed: mismatches.map { index in
                    "PCR \(index) replays to \(Hex.encode(replayed[index] ?? [])) but is quoted as \(Hex.encode(quotedBank[index] ?? []))"
                }.joined(separator: "; "))
        }
        for bank in replay.incompleteBanks {
            verdict.notes.append("the event log lists the \(bank.name) bank but not every event has a \(bank.name) digest")
        }
        guard !compared.isEmpty else {
            verdict.notes.append(
                "the event log was not replayed: no quoted PCR values in its banks (\(log.banks.map(\.name).joined(separator: ", ")))")
            return nil
        }
        var perPCR: [String: JSONValue] = [:]
        for index in compared { if let events = replayed.events[index] { perPCR[String(index)] = .array(events) } }
        return .object(perPCR)
    }
}
