import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

/// The CCEL table and event log of the go-tdx-guest COS 113 vector.
@Suite(.sharedVectors) struct EventLogTests {
    static func files() throws -> (table: [UInt8], log: [UInt8]) {
        try SharedVectors.require()
        let root = SharedVectors.root.appendingPathComponent("tdx")
        return (
            Array(try Data(contentsOf: root.appendingPathComponent("gotdx_cos113_ccel_table.dat"))),
            Array(try Data(contentsOf: root.appendingPathComponent("gotdx_cos113_ccel_data.dat")))
        )
    }

    @Test func ccelTableLocatesTheLog() throws {
        let (table, log) = try Self.files()
        let ccel = try CCELTable(parsing: table)
        #expect(ccel.checksumIsValid)
        #expect(ccel.ccType == 2)
        #expect(ccel.logAreaMinimumLength == UInt64(log.count))
        var altered = table
        altered[20] ^= 1
        #expect(!(try CCELTable(parsing: altered)).checksumIsValid)
        altered[0] = UInt8(ascii: "X")
        #expect(throws: DCAPError.self) { try CCELTable(parsing: altered) }
    }

    @Test func replayCountsEventsPerRTMR() throws {
        let (_, log) = try Self.files()
        let parsed = try CCEventLog(parsing: log[...])
        #expect(parsed.events.count == 43)
        #expect(parsed.digestSizes == [CCEventLog.sha384AlgorithmID: 48])
        let replay = try RTMRReplay(log: parsed)
        #expect(replay.events[3].isEmpty)
        #expect(replay.rtmrs[3] == [UInt8](repeating: 0, count: 48))
        #expect(Hex.encode(replay.rtmrs[0]).hasPrefix("3fa2f61f"))
    }

    @Test func truncatedOrForeignLogsThrow() throws {
        let (_, log) = try Self.files()
        #expect(throws: DCAPError.self) { try CCEventLog(parsing: log.prefix(200)) }
        #expect(throws: DCAPError.self) { try CCEventLog(parsing: [UInt8](repeating: 0x41, count: 64)[...]) }
    }
}
