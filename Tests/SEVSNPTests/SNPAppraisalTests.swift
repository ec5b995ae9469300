import Appraisal
import AttestationCore
import Crypto
import SEVSNP
import Testing

/// The default appraisal of SEV-SNP claims: genuine hardware when verified, debug contraindicated, a migration
/// agent a warning, TCB minimums and SMT as configured reference values, executables from the measurement.
@Suite struct SNPAppraisalTests {
    func appraise(policy: UInt64 = 0x30000, references: [ReferenceValue] = []) async throws -> AppraisalResult {
        let key = P384.Signing.PrivateKey()
        var test = try SyntheticChainTests.baseline(key: key)
        test.report = try FakeReport.make(key: key, policy: policy)
        let verdict = try await test.verify()
        #expect(verdict.isValid, "\(verdict.failures)")
        return try Appraiser(policy: try RegoAppraisalPolicy.standard(), referenceValues: ReferenceValueSet(references))
            .appraise(verdict, runtimeData: nil, at: FakeAMD.asOf)
    }

    static let measurement = ReferenceValue(
        tee: .snp, claim: "measurement", values: [String(repeating: "ab", count: 48)], provenance: "test build")

    @Test func verifiedReportWithItsMeasurementIsAffirming() async throws {
        let result = try await appraise(references: [Self.measurement])
        #expect(result.vector[.hardware] == .genuineHardware)
        #expect(result.vector[.configuration] == .approvedConfig)
        #expect(result.vector[.executables] == .approvedRuntime)
        #expect(result.vector[.runtimeOpaque] == .encryptedMemoryRuntime)
    }

    @Test func debugIsContraindicatedAndMigrationAgentIsAWarning() async throws {
        #expect(try await appraise(policy: 0xB0000).vector[.configuration] == .unsupportableConfig)
        #expect(try await appraise(policy: 0x70000).vector[.configuration] == .unsafeConfig)
    }

    @Test func tcbMinimumAndSMTAreConfigured() async throws {
        let minimum = ReferenceValue(
            tee: .snp, claim: "reported_tcb.snp", minimum: 9, provenance: "AMD-SB-3019", component: .hardware)
        #expect(try await appraise(references: [Self.measurement, minimum]).vector[.hardware] == .unsafeHardware)
        let noSMT = ReferenceValue(
            tee: .snp, claim: "policy.smt", values: ["false"], provenance: "operator", component: .configuration)
        #expect(try await appraise(references: [Self.measurement, noSMT]).vector[.configuration] == .unsafeConfig)
        let otherImage = ReferenceValue(tee: .snp, claim: "measurement", values: ["00"], provenance: "other build")
        #expect(try await appraise(references: [otherImage]).vector[.executables] == .unrecognizedRuntime)
    }
}
