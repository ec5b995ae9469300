import AssayTestSupport
import AttestationCore
import Foundation
import NIOHTTP1
import Testing
import Tokens

@Suite struct AttestationAPITests {
    func nonce(_ server: TestServer) async throws -> String {
        let challenge = try await server.request(.POST, "/v1/challenge")
        #expect(challenge.status == 201)
        return try #require(challenge.json["nonce"]?.stringValue)
    }

    @Test func sampleAttestationIsAffirmingWithReferenceValuesAndTheTokenVerifies() async throws {
        try await TestServer.with { server in
            let workload = try SampleWorkload()
            let document: JSONValue = [
                "reference_values": [["tee": "sample", "claim": "measurement", "values": [.hex(workload.measurement)], "provenance": "test build"]]
            ]
            let added = try await server.json(.POST, "/v1/reference-values", document, admin: true)
            #expect(added.status == 201)
            let nonce = try await nonce(server)
            let result = try await server.json(.POST, "/v1/attest", try workload.attestBody(nonce: nonce))
            #expect(result.status == 200, "\(result.json)")
            #expect(result.json["status"] == "affirming")
            #expect(result.json["trust_vector"]?["executables"] == 2)
            #expect(result.json["trust_vector"]?["hardware"] == 0)
            let token = try #require(result.json["token"]?.stringValue)
            let jwks = try JWKS(json: try await server.request(.GET, "/.well-known/jwks.json").json)
            let claims = try TokenVerifier(jwks: jwks, issuer: server.baseURL).verify(token)
            #expect(claims["eat_nonce"] == .string(nonce))
            #expect(claims["submods"]?["sample"]?["ear.status"] == "affirming")
            let discovery = try await server.request(.GET, "/.well-known/openid-configuration").json
            #expect(discovery["jwks_uri"] == .string(server.baseURL + "/.well-known/jwks.json"))
        }
    }

    /// An independent JWT implementation (PyJWT) accepts the token against the published JWKS.
    @Test(.pyJWT) func theTokenVerifiesWithPyJWT() async throws {
        try await TestServer.with { server in
            let result = try await server.json(.POST, "/v1/attest", try SampleWorkload().attestBody(nonce: try await nonce(server)))
            let token = try #require(result.json["token"]?.stringValue, "\(result.json)")
            let jwks = try await server.request(.GET, "/.well-known/jwks.json").json
            try PyJWTCheck.verify(token: token, jwks: jwks, issuer: server.baseURL)
        }
    }

    @Test func replayedAndUnknownNoncesAreRejected() async throws {
        try await TestServer.with { server in
            let workload = try SampleWorkload()
            let body = try workload.attestBody(nonce: try await nonce(server))
            #expect(try await server.json(.POST, "/v1/attest", body).status == 200)
            let replay = try await server.json(.POST, "/v1/attest", body)
            #expect(replay.status == 409)
            #expect(replay.json["type"] == "urn:assay:problem:nonce-unknown")
            #expect(replay.headers["Content-Type"].first == "application/problem+json")
            let invented = try await server.json(.POST, "/v1/attest", try workload.attestBody(nonce: "made-up"))
            #expect(invented.status == 409)
        }
    }

    @Test func expiredNoncesAreRejected() async throws {
        let clock = TestClock()
        try await TestServer.with(clock: clock) { server in
            let workload = try SampleWorkload(clock: clock)
            let body = try workload.attestBody(nonce: try await nonce(server))
            clock.advance(61)
            let expired = try await server.json(.POST, "/v1/attest", body)
            #expect(expired.status == 410)
            #expect(expired.json["type"] == "urn:assay:problem:nonce-expired")
        }
    }

    @Test func tamperedEvidenceIsRejectedNamingTheCheckAndAudited() async throws {
        try await TestServer.with { server in
            let workload = try SampleWorkload()
            let result = try await server.json(.POST, "/v1/attest", try workload.attestBody(nonce: try await nonce(server), tamper: true))
            #expect(result.status == 422)
            #expect(result.json["type"] == "urn:assay:problem:evidence-rejected")
            #expect(result.json["detail"]?.stringValue?.contains("report_signature") == true)
            #expect(result.json["failures"]?.arrayValue?.first?["check"] == "report_signature")
            let auditID = try #require(result.json["audit_id"]?.integerValue)
            let audit = try await server.request(.GET, "/v1/audit", admin: true).json["records"]?.arrayValue ?? []
            #expect(audit.contains { $0["id"]?.integerValue == auditID && $0["outcome"] == "rejected" })
        }
    }

    @Test func bindingToOtherRuntimeDataIsRejected() async throws {
        try await TestServer.with { server in
            let workload = try SampleWorkload()
            let nonce = try await nonce(server)
            var body = try workload.attestBody(nonce: nonce)
            let other = RuntimeData(json: ["nonce": .string(nonce), "tee_pubkey": ["kty": "EC"]])
            if case .object(var members) = body {
                members["runtime_data"] = .string(Base64.encode(other.bytes))
                body = .object(members)
            }
            let result = try await server.json(.POST, "/v1/attest", body)
            #expect(result.status == 422)
            #expect(result.json["failures"]?.arrayValue?.first?["check"] == "report_data_binding")
        }
    }

    @Test func malformedRequestsGetProblemDetails() async throws {
        try await TestServer.with { server in
            let cases: [(JSONValue?, [UInt8]?, Int, String)] = [
                (nil, Array("not json".utf8), 400, "invalid-request"),
                (["tee": "sample"], nil, 400, "invalid-request"),
                (["tee": "sample", "evidence": "!!", "runtime_data": "e30"], nil, 400, "invalid-request"),
                (["tee": "sample", "evidence": "AAAA", "runtime_data": "e30"], nil, 400, "invalid-request"),
                (["tee": "sample", "evidence": "AAAA", "runtime_data": "e30", "extra": 1], nil, 400, "invalid-request"),
            ]
            for (json, raw, status, name) in cases {
                let response = try await server.request(.POST, "/v1/attest", body: raw ?? Array((json ?? .null).compactText.utf8))
                #expect(response.status == status, "\(String(describing: json))")
                #expect(response.json["type"] == .string("urn:assay:problem:\(name)"))
                #expect(response.json["detail"]?.stringValue?.isEmpty == false)
            }
            let workload = try SampleWorkload()
            var body = try workload.attestBody(nonce: try await nonce(server))
            if case .object(var members) = body {
                members["evidence"] = .string(Base64.encode([UInt8](repeating: 0x41, count: 300)))
                body = .object(members)
            }
            let garbage = try await server.json(.POST, "/v1/attest", body)
            #expect(garbage.status == 400)
            #expect(garbage.json["type"] == "urn:assay:problem:invalid-evidence")
            let unknownTEE = try await server.json(.POST, "/v1/attest", ["tee": "quantum", "evidence": "AAAA", "runtime_data": .string(Base64.encode(Array(#"{"nonce":"\#(try await nonce(server))"}"#.utf8)))])
            #expect(unknownTEE.json["type"] == "urn:assay:problem:unsupported-tee")
            #expect(try await server.request(.GET, "/nope").json["type"] == "urn:assay:problem:not-found")
        }
    }

    @Test func oversizedBodiesGet413WithoutBeingRead() async throws {
        try await TestServer.with(try TestServer.configuration(maxBodyBytes: 4096)) { server in
            let big = try await server.request(.POST, "/v1/attest", body: [UInt8](repeating: 0x20, count: 5000))
            #expect(big.status == 413)
            #expect(big.json["type"] == "urn:assay:problem:payload-too-large")
            let port = try #require(Int(server.baseURL.split(separator: ":").last ?? ""))
            let clock = ContinuousClock()
            let start = clock.now
            // The client never sends the announced gigabyte, so any answer at all shows the body was not awaited; the
            // bound is generous because a full parallel test run on two cores can delay the handler by seconds.
            let answer = try RawHTTP.exchange(
                port: port,
                head: "POST /v1/attest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{",
                timeoutSeconds: 30)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(80))")
            #expect(start.duration(to: clock.now) < .seconds(30))
        }
    }
}
