import Attester
import Foundation
import Testing

@Suite struct TDXAttesterTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tdx-attester-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func quotesComeFromConfigFSWithTheTDXProvider() throws {
        let tree = try FakeTSMTree(provider: "tdx_guest", outblob: Array("QUOTE".utf8))
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let attester = TDXAttester(tsm: ConfigFSTSM(root: tree.root), devicePath: "/nonexistent/tdx_guest")
        #expect(try attester.quote(reportData: [1, 2, 3], entry: "replay") == Array("QUOTE".utf8))
        #expect(try tree.inblob() == [1, 2, 3] + [UInt8](repeating: 0, count: 61))
        let sev = try FakeTSMTree(provider: "sev_guest", outblob: [1])
        defer { try? FileManager.default.removeItem(at: sev.root) }
        #expect(throws: AttesterError.wrongProvider(expected: "tdx_guest", actual: "sev_guest")) {
            try TDXAttester(tsm: ConfigFSTSM(root: sev.root)).quote(reportData: [], entry: "replay")
        }
    }

    @Test func withoutConfigFSOrDeviceThereIsNoInterface() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let attester = TDXAttester(
            tsm: ConfigFSTSM(root: root.appendingPathComponent("absent")), devicePath: root.appendingPathComponent("tdx_guest").path)
        #expect(throws: AttesterError.self) { try attester.quote(reportData: []) }
        #expect(throws: AttesterError.reportDataTooLong(65, limit: 64)) { try attester.quote(reportData: [UInt8](repeating: 0, count: 65)) }
    }

    @Test func theEventLogIsReadFromACPI() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let attester = TDXAttester(acpiTables: root)
        #expect(try attester.eventLog() == nil)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("TABLE".utf8).write(to: root.appendingPathComponent("CCEL"))
        try Data("LOG".utf8).write(to: root.appendingPathComponent("data/CCEL"))
        let log = try #require(try attester.eventLog())
        #expect(log.table == Array("TABLE".utf8))
        #expect(log.log == Array("LOG".utf8))
    }
}
