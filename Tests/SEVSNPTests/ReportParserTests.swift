import AttestationCore
import Crypto
import SEVSNP
import Testing

/// The ABI parser: reserved ranges, versions, lengths, field decoding and the certificate table.
@Suite struct ReportParserTests {
    static let report: Result<AttestationReport, any Error> = Result {
        try FakeReport.make(key: P384.Signing.PrivateKey())
    }

    static func mutated(_ offset: Int, _ value: UInt8 = 0x01, in report: AttestationReport) -> [UInt8] {
        var bytes = report.bytes
        bytes[offset] |= value
        return bytes
    }

    /// One mutation per reserved range (offset of a byte inside it) of a version 3 report.
    @Test(arguments: [
        ("RESERVED (0x04C)", 0x04C), ("RESERVED (0x18B)", 0x18B), ("RESERVED (0x18B)", 0x19F),
        ("RESERVED (0x1EB)", 0x1EB), ("RESERVED (0x1EF)", 0x1EF), ("RESERVED (0x1F8)", 0x1F8),
        ("RESERVED (0x1F8)", 0x29F), ("SIGNATURE reserved (0x330)", 0x330), ("SIGNATURE reserved (0x330)", 0x49F),
    ])
    func reservedRangesMustBeZero(field: String, offset: Int) throws {
        let report = try Self.report.get()
        #expect(throws: SEVSNPError.self) { try AttestationReport(parsing: Self.mutated(offset, in: report)) }
        do {
            _ = try AttestationReport(parsing: Self.mutated(offset, in: report))
        } catch let SEVSNPError.malformedReport(.reservedNotZero(name, _)) {
            #expect(name == field)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Reserved bits inside fields: policy 17 (must be one) and 26–63, KEY_INFO 5–31 and SIGNING_KEY 2–6,
    /// PLATFORM_INFO 6 and 8–63, TCB_VERSION reserved bytes.
    @Test(arguments: [
        (0x08 + 2, UInt8(0x02), "POLICY bit 17"), (0x08 + 3, 0x04, "POLICY bits 26-63"), (0x08 + 7, 0x80, "POLICY bits 26-63"),
        (0x48, 0x20, "KEY_INFO bits 5-31"), (0x48, 0x08, "KEY_INFO.SIGNING_KEY"), (0x40, 0x40, "PLATFORM_INFO"),
        (0x41, 0x01, "PLATFORM_INFO"), (0x38 + 2, 0x01, "CURRENT_TCB byte 2"), (0x180 + 5, 0x01, "REPORTED_TCB byte 5"),
        (0x1E0 + 3, 0x01, "COMMITTED_TCB byte 3"), (0x1F0 + 4, 0x01, "LAUNCH_TCB byte 4"),
    ])
    func reservedBitsAreRejected(offset: Int, bits: UInt8, field: String) throws {
        var bytes = try Self.report.get().bytes
        if field == "POLICY bit 17" { bytes[offset] &= ~bits } else { bytes[offset] |= bits }
        do {
            _ = try AttestationReport(parsing: bytes)
            Issue.record("\(field) accepted")
        } catch let SEVSNPError.reservedValue(name, _) {
            #expect(name == field)
        }
    }

    @Test func versionTwoHasNoCPUIDAndVersionFourIsRefused() throws {
        let key = P384.Signing.PrivateKey()
        let v2 = try FakeReport.make(key: key, version: 2)
        #expect(v2.cpuid == nil && v2.claims["cpuid"] == nil)
        var bytes = v2.bytes
        bytes[0x188] = 0x19
        #expect(throws: SEVSNPError.self) { try AttestationReport(parsing: bytes) }
        bytes = v2.bytes
        bytes[0] = 4
        #expect(throws: SEVSNPError.unsupportedVersion(4)) { try AttestationReport(parsing: bytes) }
    }

    @Test func versionFiveCarriesMitigationVectorsAndTurinTCB() throws {
        let tcb = TCBVersion(bootloader: 1, tee: 2, snp: 3, microcode: 4, fmc: 5)
        let report = try FakeReport.make(
            key: P384.Signing.PrivateKey(), version: 5, cpuid: CPUID(family: 0x1A, model: 0x11, stepping: 0), tcb: tcb,
            mitigationVectors: true)
        #expect(report.launchMitigationVector == 3 && report.currentMitigationVector == 7)
        #expect(report.reportedTCB.fmc == 5 && report.reportedTCB.bootloader == 1 && report.reportedTCB.microcode == 4)
        #expect(report.cpuidGeneration == .turin && report.serialized == report.bytes)
        #expect(report.bytes[0x180] == 5 && report.bytes[0x181] == 1 && report.bytes[0x183] == 3)
    }

    @Test func fieldsAreDecodedAtTheirOffsets() throws {
        let report = try Self.report.get()
        #expect(report.version == 3 && report.guestSVN == 1 && report.vmpl == 0)
        #expect(report.policy.smt && !report.policy.debug && !report.policy.migrateMA)
        #expect(report.platformInfo.smtEnabled && !report.platformInfo.tsmeEnabled)
        #expect(report.keyInfo.signingKey == .vcek && !report.keyInfo.maskChipKey)
        #expect(Array(report.bytes[0x50..<0x90]) == report.reportData)
        #expect(Array(report.bytes[0x90..<0xC0]) == report.measurement)
        #expect(Array(report.bytes[0x1A0..<0x1E0]) == report.chipID)
        #expect(report.reportedTCB.snp == 8 && report.bytes[0x186] == 8 && report.bytes[0x187] == 115)
        #expect(report.currentVersion.description == "1.55.40")
        #expect(report.claims["policy"]?["abi_major"] == 0 && report.claims["cpuid"]?["family"] == 0x19)
    }

    @Test func lengthsAreExact() throws {
        let bytes = try Self.report.get().bytes
        #expect(throws: SEVSNPError.reportLength(1183)) {
            try SNPEvidence(parsing: Evidence(tee: .snp, bytes: Array(bytes.dropLast())))
        }
        #expect(throws: SEVSNPError.self) { try SNPEvidence(parsing: Evidence(tee: .snp, bytes: bytes + [0])) }
        #expect(throws: SEVSNPError.self) {
            try SNPEvidence(parsing: Evidence(tee: .snp, bytes: bytes + [UInt8](repeating: 0, count: 24)))
        }
        #expect(throws: SEVSNPError.self) { try SNPEvidence(parsing: Evidence(tee: .snp, bytes: [])) }
    }

    @Test func certificateTableRoundTripsAndRejectsBadEntries() throws {
        let table = CertificateTable(entries: [
            .init(guid: CertificateTable.Kind.vcek.guid, data: [1, 2, 3]),
            .init(guid: CertificateTable.Kind.ark.guid, data: [4, 5]),
        ])
        let bytes = table.serialized
        #expect(bytes.count == 3 * 24 + 5)
        #expect(try CertificateTable(parsing: bytes[...]) == table)
        #expect(try CertificateTable(parsing: (bytes + [0, 0, 0])[...]) == table)
        #expect(table.entries[0].guidText == "63da758d-e664-4564-adc5-f4b93be8accd")
        #expect(Array(CertificateTable.Kind.vcek.guid.prefix(2)) == [0x63, 0xda])

        var outside = bytes
        outside[16] = 0xFF  // first entry's offset points past the end
        #expect(throws: SEVSNPError.self) { try CertificateTable(parsing: outside[...]) }
        var intoHeader = bytes
        intoHeader[16] = 8  // first entry's offset points inside the header
        #expect(throws: SEVSNPError.self) { try CertificateTable(parsing: intoHeader[...]) }
        #expect(throws: SEVSNPError.self) { try CertificateTable(parsing: bytes.prefix(40)) }
        let many = CertificateTable(
            entries: (0...CertificateTable.maxEntries).map { _ in .init(guid: [UInt8](repeating: 9, count: 16), data: [1]) })
        #expect(throws: SEVSNPError.self) { try CertificateTable(parsing: many.serialized[...]) }
    }

    @Test func evidenceRoundTripsWithItsTable() throws {
        let report = try Self.report.get()
        let table = CertificateTable(entries: [.init(guid: CertificateTable.Kind.ask.guid, data: [7, 7])])
        let evidence = try SNPEvidence(parsing: Evidence(tee: .snp, bytes: report.bytes + table.serialized))
        #expect(evidence.report == report && evidence.certificates == table)
        #expect(evidence.serialized == report.bytes + table.serialized)
    }

    @Test func malformedJSONEvidenceThrows() {
        for text in [#"{"#, #"{"cert_chain": []}"#, #"{"attestation_report": {"version": 3}}"#] {
            #expect(throws: SEVSNPError.self, "\(text)") {
                try SNPEvidence(parsing: Evidence(tee: .snp, bytes: Array(text.utf8)))
            }
        }
    }
}
