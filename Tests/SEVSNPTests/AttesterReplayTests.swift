import AssayTestSupport
import AttestationCore
import Attester
import Crypto
import Foundation
import SEVSNP
import Testing

/// `SNPAttester` against a fake configfs-tsm tree that replays a report and its certificate table, as the
/// `sev_guest` provider would; the evidence it writes verifies with no other collateral.
@Suite struct AttesterReplayTests {
    func fakeTree(outblob: [UInt8], auxblob: [UInt8]?) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("assay-snp-tsm-\(UUID().uuidString)")
        let entry = root.appendingPathComponent("replay")
        try FileManager.default.createDirectory(at: entry, withIntermediateDirectories: true)
        try Data("sev_guest\n".utf8).write(to: entry.appendingPathComponent("provider"))
        try Data("1\n".utf8).write(to: entry.appendingPathComponent("generation"))
        for name in ["inblob", "privlevel"] { try Data().write(to: entry.appendingPathComponent(name)) }
        try Data(outblob).write(to: entry.appendingPathComponent("outblob"))
        if let auxblob { try Data(auxblob).write(to: entry.appendingPathComponent("auxblob")) }
        return root
    }

    @Test func replayedSyntheticReportVerifiesBoundToTheRuntimeData() async throws {
        let runtime = RuntimeData(json: ["nonce": "replay-1"])
        let reportData = runtime.reportData(for: .sha512)
        let key = P384.Signing.PrivateKey()
        let pki = try SyntheticChainTests.pki.get()
        let report = try FakeReport.make(key: key, reportData: reportData)
        let vcek = try pki.endorsementKey(key: key, hwid: FakeReport.chipID, tcb: SyntheticChainTests.milanTCB)
        let table = CertificateTable(entries: [
            .init(guid: CertificateTable.Kind.vcek.guid, data: vcek), .init(guid: CertificateTable.Kind.ask.guid, data: pki.ask.der),
            .init(guid: CertificateTable.Kind.ark.guid, data: pki.ark.der),
        ])
        let root = try fakeTree(outblob: report.bytes, auxblob: table.serialized)
        defer { try? FileManager.default.removeItem(at: root) }

        let attester = SNPAttester(tsm: ConfigFSTSM(root: root), device: SNPGuestDevice(path: "/nonexistent"))
        let evidence = try attester.attest(reportData: reportData, entry: "replay")
        #expect(Array(try Data(contentsOf: root.appendingPathComponent("replay/inblob"))) == reportData)
        let verdict = try await SEVSNPVerifier().verify(
            Evidence(tee: .snp, bytes: evidence),
            context: VerificationContext(asOf: FakeAMD.asOf, trustAnchors: [pki.anchor], expectedReportData: .runtimeData(runtime)))
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.passedChecks.contains("report_data_binding"))
    }

    @Test(.sharedVectors) func replayedRealReportParses() throws {
        let vector = try SharedVectors.vector("snp-milan-vlek-trustee")
        let report = try #require(try vector.bytes("report"))
        let root = try fakeTree(outblob: report, auxblob: nil)
        defer { try? FileManager.default.removeItem(at: root) }
        let attester = SNPAttester(tsm: ConfigFSTSM(root: root), device: SNPGuestDevice(path: "/nonexistent"))
        let evidence = try attester.attest(reportData: [UInt8](repeating: 0, count: 64), entry: "replay")
        #expect(try SNPEvidence(parsing: Evidence(tee: .snp, bytes: evidence)).report.bytes == report)
    }
}
