import AttestationCore

/// The CCEL event log attached to a TDX quote: replayed into RTMRs that must equal the quote's.
extension QuoteVerification {
    static func checkEventLog(_ quote: Quote, table: [UInt8]?, log: [UInt8]?, _ verdict: inout Verdict) throws {
        guard table != nil || log != nil else { return }
        guard case .td(let report) = quote.body else {
            verdict.notes.append("an event log was attached to an SGX quote; SGX has no RTMRs, so it was ignored")
            return
        }
        guard let log else { throw DCAPError.malformedEventLog("a CCEL table was given without the event log it describes") }
        var area = log[...]
        var claims: [String: JSONValue] = [:]
        if let table {
            let ccel = try CCELTable(parsing: table)
            verdict.check(
                DCAPCheck.ccelAcpiTableChecksum, ccel.checksumIsValid, expected: "the CCEL ACPI table's bytes sum to zero",
                observed: "they do not: the table was altered")
            guard ccel.logAreaMinimumLength <= UInt64(log.count) else {
                throw DCAPError.malformedEventLog("the CCEL table says the log is \(ccel.logAreaMinimumLength) bytes, the file has \(log.count)")
            }
            area = log.prefix(Int(ccel.logAreaMinimumLength))
            claims["laml"] = .unsigned(ccel.logAreaMinimumLength)
        }
        let parsed = try CCEventLog(parsing: area)
        let replay = try RTMRReplay(log: parsed)
        for index in 0..<4 {
            verdict.check(
                DCAPCheck.ccelReplayMatchesRTMR(index), replay.rtmrs[index] == report.rtmrs[index],
                expected: "RTMR\(index) of the quote, \(Hex.encode(report.rtmrs[index]))",
                observed: "the event log replays to \(Hex.encode(replay.rtmrs[index]))")
            claims["rtmr\(index)"] = .array(replay.events[index].map(\.claim))
        }
        claims["events"] = .integer(Int64(parsed.events.count))
        verdict.claims["event_log"] = .object(claims)
    }
}

extension CCEventLog.Event {
    /// `{"type", "digest" (SHA-384), "data"}`.
    var claim: JSONValue {
        .object([
            "type": .integer(Int64(eventType)),
            "digest": .hex(digests[CCEventLog.sha384AlgorithmID] ?? []),
            "data": .hex(data),
        ])
    }
}
