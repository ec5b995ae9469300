import AssayTestSupport
import AttestationCore
import Foundation
import NvidiaGPU
import SampleTEE
import Testing

/// `POST /v1/attest` with companions: a CPU TEE's evidence and a GPU evidence list in one request.
@Suite(.sharedVectors)
struct CompositeAttestationAPITests {
    static func gpuList() throws -> [UInt8] {
        try #require(try SharedVectors.vector("nvidia-hopper-ppcie-gpu0").bytes("evidence_list"))
    }

    static func body(_ workload: SampleWorkload, nonce: String, companions: JSONValue) throws -> JSONValue {
        guard case .object(var members) = try workload.attestBody(nonce: nonce) else { return .null }
        members["companions"] = companions
        return .object(members)
    }

    /// Real GPU reports answer another session's nonce: replayed into this attestation, every GPU fails its binding
    /// and the whole request is refused, naming each part's check.
    @Test func replayedGPUEvidenceIsRefusedNamingEachGPU() async throws {
        try await TestServer.with(
            try TestServer.configuration(maxBodyBytes: 1024 * 1024), verifiers: [SampleVerifier(), NvidiaGPUVerifier()]) { server in
            let workload = try SampleWorkload()
            let nonce = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
            let companions: JSONValue = [["tee": "nvidia", "evidence": .string(Base64.encode(try Self.gpuList()))]]
            let result = try await server.json(.POST, "/v1/attest", try Self.body(workload, nonce: nonce, companions: companions))
            #expect(result.status == 422, "\(result.json)")
            let failed = Set(result.json["failures"]?.arrayValue?.compactMap { $0["check"]?.stringValue } ?? [])
            #expect(failed == Set((0..<8).map { "nvidia-gpu-\($0).report_data_binding" }))
        }
    }

    /// Companions of a TEE the service does not enable, or of the wrong shape or number, are refused before any
    /// verification.
    @Test func companionsAreValidated() async throws {
        try await TestServer.with(try TestServer.configuration(maxBodyBytes: 1024 * 1024)) { server in
            let workload = try SampleWorkload()
            let gpus = JSONValue.string(Base64.encode(try Self.gpuList()))
            let cases: [(JSONValue, Int)] = [
                ([["tee": "nvidia", "evidence": gpus]], 400),
                ([["tee": "sample"]], 400),
                ([["tee": "sample", "evidence": "AA==", "extra": 1]], 400),
                ("not a list", 400),
                (.array(Array(repeating: ["tee": "sample", "evidence": "AA=="], count: Evidence.maxCompanions + 1)), 400),
            ]
            for (companions, status) in cases {
                let nonce = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
                let result = try await server.json(.POST, "/v1/attest", try Self.body(workload, nonce: nonce, companions: companions))
                #expect(result.status == status, "\(companions): \(result.json)")
            }
        }
    }
}
