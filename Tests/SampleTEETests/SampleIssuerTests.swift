import AttestationCore
import Crypto
import Foundation
import SampleTEE
import Testing
import X509

@Suite struct SampleIssuerTests {
    @Test func developmentKeyMatchesThePinnedRoot() throws {
        let issuer = try SampleDeviceIssuer.development
        #expect(Certificate.PublicKey(issuer.privateKey.publicKey) == issuer.certificate.publicKey)
        #expect(Hex.encode(try SampleDeviceIssuer.developmentAnchor.sha256) == SampleDeviceIssuer.developmentRootSHA256)
    }

    @Test func fileMeasurementIsSHA384OfItsBytes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("assay-wl-\(UUID().uuidString)")
        try Data("hello".utf8).write(to: file)
        #expect(try WorkloadMeasurement.measure(path: file) == Array(SHA384.hash(data: Array("hello".utf8))))
    }

    @Test func directoryMeasurementCoversNamesAndContents() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("assay-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: root.appendingPathComponent("main"))
        try Data("b".utf8).write(to: root.appendingPathComponent("lib/x"))
        let first = try WorkloadMeasurement.measure(path: root)
        #expect(try WorkloadMeasurement.measure(path: root) == first)
        try Data("c".utf8).write(to: root.appendingPathComponent("lib/x"))
        let changed = try WorkloadMeasurement.measure(path: root)
        #expect(changed != first)
        try FileManager.default.moveItem(at: root.appendingPathComponent("lib/x"), to: root.appendingPathComponent("lib/y"))
        #expect(try WorkloadMeasurement.measure(path: root) != changed)
        #expect(throws: SampleTEEError.self) { try WorkloadMeasurement.measure(path: root.appendingPathComponent("nope")) }
    }

    @Test func inspectorShowsEveryField() throws {
        let fixture = try SampleFixture(debug: true)
        let inspection = try SampleInspector().inspect(Evidence(tee: .sample, bytes: fixture.report))
        let text = inspection.text
        for needle in ["measurement", "report_data", "debug", "svn", "signature", "not_after", Hex.encode(fixture.measurement)] {
            #expect(text.contains(needle), "missing \(needle)")
        }
    }
}
