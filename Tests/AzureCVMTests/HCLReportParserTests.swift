import AssayTestSupport
import AttestationCore
import AzureCVM
import Foundation
import Testing

/// The HCL report, runtime data and vTPM quote parsers on the real vectors and on mutations of them: fields read
/// at their offsets, every truncation and out-of-bound length thrown as malformed, unsigned header bytes judged by
/// name, never by a crash.
@Suite(.sharedVectors) struct HCLReportParserTests {
    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: SharedVectors.root.appendingPathComponent(path)))
    }

    @Test func realReportsReadAtTheirOffsets() throws {
        let snp = try HCLReport(parsing: try Self.bytes("azure/snp_vtpm/hcl-report.bin"))
        #expect(snp.signature == HCLReport.magic && snp.version == 1 && snp.reportSize == 2346 && snp.requestType == 2)
        #expect(snp.reportType == .snp && snp.runtimeDataHashType == 1 && snp.runtimeData.count == 1110)
        #expect(snp.requestDataSize == UInt32(HCLReport.requestDataHeaderLength + snp.runtimeData.count))
        #expect(snp.trailingByteCount == 2600 - 0x4D4 - 1110 && snp.reservedFields.isEmpty)
        let tdx = try HCLReport(parsing: try Self.bytes("azure/tdx_vtpm/hcl-report.bin"))
        #expect(tdx.reportType == .tdx && tdx.version == 2 && tdx.runtimeData.count == 1201)
        let report = try TDReport(parsing: tdx.hardwareReport)
        #expect(report.type == 0x81)
        let runtime = try HCLRuntimeData(parsing: snp.runtimeData)
        #expect(runtime.keyIDs == ["HCLAkPub", "HCLEkPub"] && runtime.vmConfiguration?["secure-boot"] == true)
        guard case .success = runtime.attestationKey() else { Issue.record("no HCLAkPub"); return }
    }

    @Test func everyTruncationAndOversizedLengthThrowsMalformed() throws {
        let bytes = try Self.bytes("azure/snp_vtpm/hcl-report.bin")
        let end = 0x4D4 + 1110
        for length in [0, 3, 0x20, 0x4C0, 0x4D0, 0x4D4, end - 1] {
            #expect(throws: AzureCVMError.self, "\(length) bytes") { try HCLReport(parsing: Array(bytes.prefix(length))) }
        }
        #expect(try HCLReport(parsing: Array(bytes.prefix(end))).trailingByteCount == 0)
        var oversized = bytes
        oversized.replaceSubrange(0x4D0..<0x4D4, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: AzureCVMError.self) { try HCLReport(parsing: oversized) }
        #expect(throws: AzureCVMError.self) { try TDReport(parsing: [UInt8](repeating: 0, count: 1023)) }
    }

    @Test func bincodeAndJSONQuotesAreTheSameAndBadOnesThrow() throws {
        let bincode = try Self.bytes("azure/snp_vtpm/quote.bin")
        let json = try VTPMQuote(parsing: try Self.bytes("azure/snp_vtpm/tpm-quote-v1.json"))
        let binary = try VTPMQuote(parsing: bincode)
        #expect(binary.attest.bytes.count == 122 && binary.pcrs.count == 24 && binary.signature.count == 256)
        #expect(json == binary)
        #expect(throws: AzureCVMError.self) { try VTPMQuote(parsing: bincode + [0]) }
        #expect(throws: AzureCVMError.self) { try VTPMQuote(parsing: Array(bincode.dropLast())) }
        var huge = bincode
        huge.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(throws: AzureCVMError.self) { try VTPMQuote(parsing: huge) }
        #expect(throws: AzureCVMError.self) { try VTPMQuote(parsing: Array(#"{"signature": "00", "pcrs": []}"#.utf8)) }
    }

    /// The HCL header is unsigned: a wrong magic fails `hcl_header_magic_HCLA` alone, a set reserved word is a
    /// note and claim, an unknown hash type fails the binding, another report type is refused naming the TEE.
    @Test func unsignedHeaderMutationsAreJudgedByName() async throws {
        let vector = try SharedVectors.vector("azure-snp-milan-bin")
        let evidence = try AzureVectors.evidence(vector)
        func verify(_ edit: (inout [UInt8]) -> Void) async throws -> Verdict {
            var mutated = evidence
            edit(&mutated.bytes)
            let context = VerificationContext(asOf: try AzureVectors.asOf(vector), collateral: try AzureVectors.collateral(vector))
            return try await AzureVectors.verifier(.azureSNP).verify(mutated, context: context)
        }
        #expect(try await verify { $0[3] = UInt8(ascii: "B") }.failures.map(\.check) == ["hcl_header_magic_HCLA"])
        let reserved = try await verify { $0[0x18] = 1 }
        #expect(reserved.isValid && reserved.claims["hcl"]?["reserved_nonzero"] != nil)
        #expect(try await verify { $0[0x4CC] = 9 }.failures.map(\.check) == ["hw_report_data_binds_hcl_runtime_data"])
        await #expect(throws: AzureCVMError.self) { try await verify { $0[0x4C8] = 4 } }
        let tdx = try SharedVectors.vector("azure-tdx-bin")
        await #expect(throws: AzureCVMError.self) {
            try await AzureVectors.verifier(.azureSNP).verify(
                try AzureVectors.evidence(tdx), context: VerificationContext(asOf: try AzureVectors.asOf(tdx)))
        }
    }

    /// The HCL `user-data` (NV index 0x01400002) is checked against the expected runtime data when it is set.
    @Test func userDataIsCheckedWhenSet() async throws {
        let vector = try SharedVectors.vector("azure-snp-milan-evidence-v2")
        let userData = try Hex.decode(try #require(vector.fields["hcl_user_data"]?.stringValue).lowercased())
        let matching = try await AzureVectors.verify(vector, expected: .exact(userData))
        #expect(matching.passedChecks.contains("hcl_user_data_binds_runtime_data"))
        let other = try await AzureVectors.verify(vector, expected: .exact([1, 2, 3]))
        #expect(other.failures.map(\.check).contains("hcl_user_data_binds_runtime_data"))
        let zero = try await AzureVectors.verify(try SharedVectors.vector("azure-snp-milan-bin"), expected: .exact([1]))
        #expect(!zero.failures.map(\.check).contains("hcl_user_data_binds_runtime_data"))
        #expect(zero.notes.contains { $0.contains("user-data is zero") })
    }
}
