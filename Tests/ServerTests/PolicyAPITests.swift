import AssayTestSupport
import AttestationCore
import Foundation
import NIOHTTP1
import Server
import Testing

/// Rego policies through the API: validated on upload, chosen per attestation or by configuration.
@Suite struct PolicyAPITests {
    let custom = """
        package assay.appraisal
        trust_vector := {"hardware": 0, "configuration": 2, "executables": 2} if input.claims.debug == false
        reasons := []
        """

    func attest(_ server: TestServer, _ workload: SampleWorkload, policy: String?) async throws -> TestServer.Exchange {
        let nonce = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
        var body = try #require(try workload.attestBody(nonce: nonce).objectValue)
        body["policy"] = policy.map(JSONValue.string)
        return try await server.json(.POST, "/v1/attest", .object(body))
    }

    @Test func invalidRegoIsRefusedWithItsPosition() async throws {
        try await TestServer.with { server in
            let broken = Array("package assay.appraisal\n\ntrust_vector := {\n".utf8)
            let answer = try await server.request(.PUT, "/v1/policies/broken", body: broken, admin: true, contentType: "text/plain")
            #expect(answer.status == 400)
            #expect(answer.json["type"] == "urn:assay:problem:invalid-policy")
            #expect(answer.json["code"] == "rego_parse_error")
            #expect(answer.json["detail"]?.stringValue?.contains("broken:") == true, "\(answer.json)")
            #expect(try await server.request(.GET, "/v1/policies/broken", admin: true).status == 404, "nothing stored")
        }
    }

    static func selectable(_ ids: Set<String>) throws -> ServerConfiguration {
        var configuration = try TestServer.configuration()
        configuration.selectablePolicies = ids
        return configuration
    }

    @Test func anAttestationCanNameAStoredPolicyTheOperatorMadeSelectable() async throws {
        try await TestServer.with(try Self.selectable(["lenient", "missing"])) { server in
            let workload = try SampleWorkload()
            let put = try await server.request(
                .PUT, "/v1/policies/lenient", body: Array(custom.utf8), admin: true, contentType: "text/plain")
            #expect(put.status == 201, "\(put.json)")

            let chosen = try await attest(server, workload, policy: "lenient")
            #expect(chosen.status == 200, "\(chosen.json)")
            #expect(chosen.json["trust_vector"]?["executables"] == 2)
            #expect(chosen.json["reasons"] == [])

            let standard = try await attest(server, workload, policy: nil)
            #expect(standard.json["trust_vector"]?["executables"] == 33, "without reference values the default says unrecognized")

            let unknown = try await attest(server, workload, policy: "missing")
            #expect(unknown.status == 400)
            #expect(unknown.json["type"] == "urn:assay:problem:unknown-policy")

            _ = try await server.request(.PUT, "/v1/policies/other", body: Array(custom.utf8), admin: true, contentType: "text/plain")
            let notSelectable = try await attest(server, workload, policy: "other")
            #expect(notSelectable.status == 403)
            #expect(notSelectable.json["type"] == "urn:assay:problem:policy-not-selectable")
            #expect(notSelectable.json["detail"]?.stringValue?.contains("lenient, missing") == true, "\(notSelectable.json)")

            let audit = try await server.request(.GET, "/v1/audit?after=0&limit=10", admin: true).json
            let policies = audit["records"]?.arrayValue?.compactMap { $0["policy_id"]?.stringValue } ?? []
            #expect(policies.contains("lenient") && policies.contains("assay-default-v1"), "\(policies)")
        }
    }

    @Test func theConfiguredPolicyAppliesWhenTheRequestNamesNone() async throws {
        var configuration = try Self.selectable(["assay-default-v1"])
        configuration.appraisalPolicy = "house"
        try await TestServer.with(configuration) { server in
            let workload = try SampleWorkload()
            #expect(try await attest(server, workload, policy: nil).json["type"] == "urn:assay:problem:unknown-policy")
            _ = try await server.request(.PUT, "/v1/policies/house", body: Array(custom.utf8), admin: true, contentType: "text/plain")
            let answer = try await attest(server, workload, policy: nil)
            #expect(answer.json["trust_vector"]?["executables"] == 2, "\(answer.json)")
            #expect(try await attest(server, workload, policy: "assay-default-v1").json["trust_vector"]?["executables"] == 33)
        }
    }

    @Test func anAttesterCannotPickAStoredPolicyByDefault() async throws {
        try await TestServer.with { server in
            let workload = try SampleWorkload()
            _ = try await server.request(.PUT, "/v1/policies/lenient", body: Array(custom.utf8), admin: true, contentType: "text/plain")
            for policy in ["lenient", "assay-default-v1", "missing"] {
                let answer = try await attest(server, workload, policy: policy)
                #expect(answer.status == 403 && answer.json["type"] == "urn:assay:problem:policy-not-selectable", "\(policy)")
                #expect(answer.json["detail"]?.stringValue?.contains("none are selectable") == true)
            }
            #expect(try await attest(server, workload, policy: nil).status == 200)
        }
    }

    @Test func aFailingPolicyIsAServerProblemNotAVerdict() async throws {
        try await TestServer.with(try Self.selectable(["conflict"])) { server in
            let conflicting = "package assay.appraisal\ntrust_vector := {\"hardware\": 2}\ntrust_vector := {\"hardware\": 3}\n"
            let put = try await server.request(
                .PUT, "/v1/policies/conflict", body: Array(conflicting.utf8), admin: true, contentType: "text/plain")
            #expect(put.status == 201)
            let answer = try await attest(server, try SampleWorkload(), policy: "conflict")
            #expect(answer.status == 500)
            #expect(answer.json["type"] == "urn:assay:problem:policy-error")
            #expect(answer.json["detail"]?.stringValue?.contains("eval_conflict_error") == true)
        }
    }
}
