import Appraisal
import AssayTestSupport
import Attestation
import AttestationCore
import Foundation
import KeyBroker
import NvidiaGPU
import SampleTEE
import Testing

/// Composite attestation: a CPU TEE's evidence (the Sample TEE standing in for SEV-SNP or TDX) with a real 8-GPU
/// evidence list as its companion, both bound to the same report data. Each GPU becomes its own EAR submodule, the
/// result is the worst of all, and a GPU that fails or is bound to something else fails the whole.
///
/// The instant is 2026-06-01: the Sample development root starts 2026-01-01, the GPUs' chains run 2022-03-01 to
/// 9999, so both are in force.
@Suite(.sharedVectors)
struct CompositeAttestationTests {
    static let instant = Date(timeIntervalSince1970: 1_780_272_000)

    /// The GPU list and its (shared) request nonce.
    static func gpuList() throws -> (bytes: [UInt8], nonce: [UInt8]) {
        let vector = try SharedVectors.vector("nvidia-hopper-ppcie-gpu0")
        let list = try #require(try vector.bytes("evidence_list"))
        return (list, try Hex.decode(try #require(vector.fields["request_nonce"]?.stringValue)))
    }

    static func pipeline(_ referenceValues: ReferenceValueSet = ReferenceValueSet()) throws -> AttestationPipeline {
        AttestationPipeline(
            verifiers: [SampleVerifier(), NvidiaGPUVerifier()],
            appraiser: Appraiser(policy: try RegoAppraisalPolicy.standard(), referenceValues: referenceValues),
            signingKey: nil, build: "CompositeAttestationTests")
    }

    /// Sample evidence whose report data is `reportData` (zero-padded to 64 bytes), with `companions`.
    static func evidence(reportData: [UInt8], companions: [Evidence]) throws -> Evidence {
        let attester = try SampleAttester(issuer: .development, clock: FixedTimeSource(instant))
        let report = try attester.attest(
            measurement: [UInt8](repeating: 7, count: 48), reportData: reportData + [UInt8](repeating: 0, count: 64 - reportData.count))
        return Evidence(tee: .sample, bytes: report, companions: companions)
    }

    static func attest(_ evidence: Evidence, expected: [UInt8], referenceValues: ReferenceValueSet = ReferenceValueSet()) async throws
        -> AttestationOutcome
    {
        try await pipeline(referenceValues).attest(
            evidence, context: VerificationContext(asOf: instant, expectedReportData: .exact(expected)), runtimeData: nil,
            nonce: nil, issuedAt: instant)
    }

    @Test func everyGPUIsItsOwnPartAndTheResultIsTheWorst() async throws {
        let (list, nonce) = try Self.gpuList()
        let outcome = try await Self.attest(
            try Self.evidence(reportData: nonce, companions: [Evidence(tee: .nvidia, bytes: list)]), expected: nonce)
        #expect(outcome.isValid, "\(outcome.combinedVerdict.failures)")
        #expect(outcome.parts.map(\.name) == (0..<8).map { "nvidia-gpu-\($0)" })
        #expect(Set(outcome.result.appraisals.keys) == Set(["sample"] + (0..<8).map { "nvidia-gpu-\($0)" }))
        #expect(outcome.result.json["assay.primary"] == .string("sample"))
        let statuses = [outcome.appraisal.status] + outcome.parts.map(\.appraisal.status)
        #expect(outcome.status == statuses.max())
        let gpu = try #require(outcome.parts.first)
        #expect(gpu.verdict.claims["measurements"]?["2"] != nil)
        #expect(gpu.verdict.passedChecks.contains("report_signature"))
        #expect(gpu.verdict.passedChecks.contains("report_data_binding"))
    }

    /// Reference values for NVIDIA measurements apply to each GPU on its own: the GPUs' own values leave no
    /// reference-value reason; a value no GPU has names every part, and the overall status drops with them.
    @Test func referenceValuesAreMatchedPerGPU() async throws {
        let (list, nonce) = try Self.gpuList()
        let values = try EvidenceList.parse(list).map { device in
            Hex.encode(try #require(try DeviceReport(bytes: device.report).response.blocks.first { $0.index == 2 }).value)
        }
        func attest(_ accepted: [String]) async throws -> AttestationOutcome {
            try await Self.attest(
                try Self.evidence(reportData: nonce, companions: [Evidence(tee: .nvidia, bytes: list)]), expected: nonce,
                referenceValues: ReferenceValueSet([
                    ReferenceValue(tee: .nvidia, claim: "measurements.2", values: Set(accepted), provenance: "test RIM")
                ]))
        }
        let matching = try await attest(values)
        let mismatch = "reference_value:measurements.2"
        #expect(matching.parts.allSatisfy { part in !part.appraisal.reasons.contains { $0.check == mismatch } })
        let other = try await attest([String(repeating: "ab", count: 48)])
        #expect(other.parts.allSatisfy { part in part.appraisal.reasons.contains { $0.check == mismatch } })
        #expect(other.reasons.filter { $0.check.hasSuffix("." + mismatch) }.count == 8)
        #expect(other.parts.allSatisfy { $0.appraisal.vector[.executables] != matching.parts[0].appraisal.vector[.executables] })
        #expect(other.status >= matching.status)
    }

    /// A GPU list bound to other report data (a replay of another session's GPUs) fails the whole attestation,
    /// naming each GPU's binding check.
    @Test func gpusBoundToSomethingElseFailTheWhole() async throws {
        let (list, _) = try Self.gpuList()
        let other = [UInt8](repeating: 0x5A, count: 32)
        let outcome = try await Self.attest(
            try Self.evidence(reportData: other, companions: [Evidence(tee: .nvidia, bytes: list)]), expected: other)
        #expect(outcome.verdict.isValid)
        #expect(!outcome.isValid)
        let failed = Set(outcome.combinedVerdict.failures.map(\.check))
        #expect(failed == Set((0..<8).map { "nvidia-gpu-\($0).report_data_binding" }))
        #expect(outcome.status == .contraindicated)
        #expect(outcome.result.json["assay.tee_pubkey"] == nil)
    }

    /// One device's report swapped for another's: that part fails its signature (and nothing else is affected).
    @Test func aSwappedReportFailsItsPart() async throws {
        let (list, nonce) = try Self.gpuList()
        var entries = try #require(try JSONValue(parsing: list).arrayValue)
        guard case .object(var first) = entries[0], let swapped = entries[1]["evidence"] else { return }
        first["evidence"] = swapped
        entries[0] = .object(first)
        let outcome = try await Self.attest(
            try Self.evidence(reportData: nonce, companions: [Evidence(tee: .nvidia, bytes: JSONValue.array(entries).compactBytes)]),
            expected: nonce)
        #expect(outcome.parts.filter { !$0.verdict.isValid }.map(\.name) == ["nvidia-gpu-0"])
        #expect(outcome.parts[0].verdict.failures.map(\.check).contains("report_signature"))
    }

    /// A resource policy sees every part: the token's submodules become `input.submods`, the primary stays `tee`.
    @Test func releaseInputNamesThePrimaryAndEveryPart() async throws {
        let (list, nonce) = try Self.gpuList()
        let outcome = try await Self.attest(
            try Self.evidence(reportData: nonce, companions: [Evidence(tee: .nvidia, bytes: list)]), expected: nonce)
        let input = ReleaseInput(token: outcome.result.json, path: try SecretPath("apps/model/key"), client: "test", at: Self.instant)
        #expect(input.tee == "sample")
        let submods = try #require(input.json["submods"]?.objectValue)
        #expect(submods.count == 9)
        #expect(submods["nvidia-gpu-3"]?["claims"]?["cc_feature"] == .string("ppcie"))
    }

    /// The resource policy the README shows for composite attestation (read from the README, so the example cannot
    /// drift): it releases to a CPU TEE with affirming GPUs whose measurements match their reference values, and
    /// refuses when a GPU's measurements do not match or no GPU came with the evidence.
    @Test func theREADMEsResourcePolicyRequiresEveryGPU() async throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "### NVIDIA GPUs and NVSwitches"))
        let start = try #require(text.range(of: "```rego\n", range: section.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let policy = try ResourcePolicy(prefix: "models/", source: String(text[start.upperBound..<end.lowerBound]))

        let (list, nonce) = try Self.gpuList()
        let blocks = try EvidenceList.parse(list).map { try DeviceReport(bytes: $0.report).response.blocks }
        var byIndex: [UInt8: Set<String>] = [:]
        for block in blocks.joined() { byIndex[block.index, default: []].insert(Hex.encode(block.value)) }
        let gpuValues = byIndex.map { ReferenceValue(tee: .nvidia, claim: "measurements.\($0.key)", values: $0.value, provenance: "test RIMs") }
        let sample = ReferenceValue(tee: .sample, claim: "measurement", values: [Hex.encode([UInt8](repeating: 7, count: 48))], provenance: "test build")
        func decision(_ values: [ReferenceValue], companions: [Evidence]) async throws -> Bool {
            let outcome = try await Self.attest(
                try Self.evidence(reportData: nonce, companions: companions), expected: nonce, referenceValues: ReferenceValueSet(values))
            let input = ReleaseInput(token: outcome.result.json, path: try SecretPath("models/llm/key"), client: "test", at: Self.instant)
            return try policy.decide(input.json, at: Self.instant).allowed
        }
        let gpus = [Evidence(tee: .nvidia, bytes: list)]
        #expect(try await decision([sample] + gpuValues, companions: gpus))
        let wrong = ReferenceValue(tee: .nvidia, claim: "measurements.2", values: [String(repeating: "ab", count: 48)], provenance: "other RIM")
        #expect(try await !decision([sample, wrong] + gpuValues.filter { $0.claim != "measurements.2" }, companions: gpus))
        #expect(try await !decision([sample] + gpuValues, companions: []))
    }
}
