import Attester
import Foundation
import Testing

/// A fake configfs-tsm tree: an entry pre-populated as the kernel would after a write to inblob.
struct FakeTSMTree {
    let root: URL

    init(provider: String, outblob: [UInt8], auxblob: [UInt8]? = nil, entry: String = "replay") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("assay-tsm-\(UUID().uuidString)")
        let directory = root.appendingPathComponent(entry)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("\(provider)\n".utf8).write(to: directory.appendingPathComponent("provider"))
        try Data("1\n".utf8).write(to: directory.appendingPathComponent("generation"))
        try Data().write(to: directory.appendingPathComponent("inblob"))
        try Data().write(to: directory.appendingPathComponent("privlevel"))
        try Data(outblob).write(to: directory.appendingPathComponent("outblob"))
        if let auxblob { try Data(auxblob).write(to: directory.appendingPathComponent("auxblob")) }
    }

    func inblob(_ entry: String = "replay") throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(entry).appendingPathComponent("inblob")))
    }
}

@Suite struct ConfigFSTSMTests {
    @Test func writesInblobAndReadsTheReport() throws {
        let tree = try FakeTSMTree(provider: "sev_guest", outblob: [1, 2, 3], auxblob: [9])
        let tsm = ConfigFSTSM(root: tree.root)
        let report = try tsm.report(inblob: [UInt8](repeating: 0xaa, count: 64), name: "replay", provider: "sev_guest")
        #expect(report.provider == "sev_guest")
        #expect(report.outblob == [1, 2, 3])
        #expect(report.auxblob == [9])
        #expect(try tree.inblob() == [UInt8](repeating: 0xaa, count: 64))
    }

    @Test func refusesTheWrongProviderAndLongInblobs() throws {
        let tree = try FakeTSMTree(provider: "tdx_guest", outblob: [1])
        let tsm = ConfigFSTSM(root: tree.root)
        #expect(throws: AttesterError.wrongProvider(expected: "sev_guest", actual: "tdx_guest")) {
            try tsm.report(inblob: [0], name: "replay", provider: "sev_guest")
        }
        #expect(throws: AttesterError.reportDataTooLong(65, limit: 64)) {
            try tsm.report(inblob: [UInt8](repeating: 0, count: 65), name: "replay")
        }
    }

    @Test func missingInterfaceSaysSo() {
        let tsm = ConfigFSTSM(root: URL(fileURLWithPath: "/nonexistent/tsm/report"))
        #expect(!tsm.isAvailable)
        #expect(throws: AttesterError.self) { try tsm.report(inblob: [0]) }
    }
}
