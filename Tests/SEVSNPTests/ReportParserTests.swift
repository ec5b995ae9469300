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

    /// One mutation per reserved range (offset of a byte inside it) of a version 3 report: the report still parses,
    /// and the range is named in `reservedFields` and the `reserved_nonzero` claim (parse without judging).
    @Test(arguments: [
        ("reserved 0x04C", 0x04C), ("reserved 0x18B", 0x18B), ("reserved 0x18B", 0x19F),
        ("reserved 0x1EB", 0x1EB), ("reserved 0x1EF", 0x1EF), ("reserved 0x1F8", 0x1F8),
        ("reserved 0x1F8", 0x29F), ("signature reserved 0x330 (not signed)", 0x330),
        ("signature reserved 0x330 (not signed)", 0x49F),
    ])
    func reservedRangesAreRecordedNotRejected(field: String, offset: Int) throws {
        let report = try Self.report.get()
        #expect(report.reservedFields.isEmpty && report.claims["reserved_nonzero"] == nil)
        let mutated = try AttestationReport(parsing: Self.mutated(offset, in: report))
        #expect(mutated.reservedFields.names == [field])
        #expect(mutated.claims["reserved_nonzero"] == .array([.string(field)]))
    }

    /// Reserved bits inside fields: policy 17 (must be one) and 26–63, KEY_INFO 5–31 and SIGNING_KEY 2–6,
    /// PLATFORM_INFO 8–63, TCB_VERSION reserved bytes: recorded by name, never a parse error.
    @Test(arguments: [
        (0x08 + 2, UInt8(0x02), "policy bit 17 clear"), (0x08 + 3, 0x04, "policy bit 26"), (0x08 + 7, 0x80, "policy bit 63"),
        (0x48, 0x20, "key_info bit 5"), (0x48, 0x08, "key_info signing_key 2"), (0x41, 0x01, "platform_info bit 8"),
        (0x47, 0x80, "platform_info bit 63"), (0x38 + 2, 0x01, "current_tcb byte 2"), (0x180 + 5, 0x01, "reported_tcb byte 5"),
        (0x1E0 + 3, 0x01, "committed_tcb byte 3"), (0x1F0 + 4, 0x01, "launch_tcb byte 4"),
    ])
    func reservedBitsAreRecordedNotRejected(offset: Int, bits: UInt8, field: String) throws {
        var bytes = try Self.report.get().bytes
        if field == "policy bit 17 clear" { bytes[offset] &= ~bits } else { bytes[offset] |= bits }
        let report = try AttestationReport(parsing: bytes)
        #expect(report.reservedFields.names == [field])
        #expect(report.claims["reserved_nonzero"] == .array([.string(field)]))
    }

    /// Turin firmware sets PLATFORM_INFO bit 6 (IOMMU_WRITE_SAFE), which earlier ABI revisions reserved; 0x67 is
    /// the value a genuine production report carries.
    @Test func platformInfoBitSixIsIOMMUWriteSafe() throws {
        var bytes = try Self.report.get().bytes
        bytes[0x40] = 0x67
        let report = try AttestationReport(parsing: bytes)
        #expect(report.reservedFields.isEmpty)
        let info = try #require(report.claims["platform_info"])
        #expect(info["iommu_write_safe"] == .bool(true) && info["alias_check_complete"] == .bool(true))
        #expect(info["value"] == .unsigned(UInt64(0x67)))
    }

    @Test func reservedSigningKeyIsNamed() throws {
        var bytes = try Self.report.get().bytes
        bytes[0x48] = (bytes[0x48] & ~0x1C) | (3 << 2)
        let report = try AttestationReport(parsing: bytes)
        #expect(report.keyInfo.signingKey == .reserved && report.claims["signer"] == .string("reserved"))
        #expect(report.reservedFields.names == ["key_info signing_key 3"])
    }

    @Test func versionTwoHasNoCPUIDAndVersionFourIsRefused() throws {
        let key = P384.Signing.PrivateKey()
        let v2 = try FakeReport.make(key: key, version: 2)
        #expect(v2.cpuid == nil && v2.claims["cpuid"] == nil)
        var bytes = v2.bytes
        bytes[0x188] = 0x19
        #expect(try AttestationReport(parsing: bytes).reservedFields.names == ["reserved 0x188"])
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
