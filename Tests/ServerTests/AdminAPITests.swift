import AssayTestSupport
import AttestationCore
import Foundation
import NIOHTTP1
import Testing
import Tokens

@Suite struct AdminAPITests {
    @Test func adminEndpointsNeedTheToken() async throws {
        try await TestServer.with { server in
            for (method, path) in [(HTTPMethod.GET, "/v1/policies"), (.GET, "/v1/reference-values"), (.POST, "/v1/keys/rotate"),
                                   (.GET, "/v1/audit"), (.PUT, "/v1/policies/p1"), (.DELETE, "/v1/reference-values/x")] {
                let anonymous = try await server.request(method, path, body: method == .PUT ? Array("x".utf8) : nil)
                #expect(anonymous.status == 401, "\(method) \(path)")
                #expect(anonymous.json["type"] == "urn:assay:problem:unauthorized")
                let wrong = try await server.request(method, path, token: "wrong-token-wrong-token")
                #expect(wrong.status == 401, "\(method) \(path)")
            }
            #expect(try await server.request(.GET, "/v1/policies", admin: true).status == 200)
        }
    }

    @Test func disabledAdminAPISaysHowToEnableIt() async throws {
        var configuration = try TestServer.configuration()
        configuration.adminToken = nil
        try await TestServer.with(configuration) { server in
            let response = try await server.request(.GET, "/v1/policies", admin: true)
            #expect(response.status == 401)
            #expect(response.json["type"] == "urn:assay:problem:admin-disabled")
        }
    }

    @Test func policiesAreStoredVersionedAndDeleted() async throws {
        try await TestServer.with { server in
            let text = Array("package assay\n\ndefault allow := false\n".utf8)
            let first = try await server.request(.PUT, "/v1/policies/appraisal-v1", body: text, admin: true, contentType: "text/plain")
            #expect(first.status == 201)
            #expect(first.json["version"] == 1)
            let second = try await server.request(.PUT, "/v1/policies/appraisal-v1", body: text + [0x0a], admin: true, contentType: "text/plain")
            #expect(second.json["version"] == 2)
            let fetched = try await server.request(.GET, "/v1/policies/appraisal-v1", admin: true).json
            #expect(fetched["text"] == .string(String(decoding: text + [0x0a], as: UTF8.self)))
            #expect(fetched["sha256"]?.stringValue?.count == 64)
            #expect(try await server.request(.GET, "/v1/policies", admin: true).json["policies"]?.arrayValue?.count == 1)
            #expect(try await server.request(.PUT, "/v1/policies/bad%20id", body: text, admin: true).status == 400)
            #expect(try await server.request(.DELETE, "/v1/policies/appraisal-v1", admin: true).status == 204)
            #expect(try await server.request(.GET, "/v1/policies/appraisal-v1", admin: true).status == 404)
        }
    }

    @Test func referenceValuesAreValidatedListedAndDeleted() async throws {
        try await TestServer.with { server in
            let bad = try await server.json(.POST, "/v1/reference-values", ["reference_values": [["tee": "sample"]]], admin: true)
            #expect(bad.status == 400)
            #expect(bad.json["detail"]?.stringValue?.contains("reference_values[0]") == true)
            let added = try await server.json(
                .POST, "/v1/reference-values",
                ["reference_values": [["tee": "sample", "claim": "svn", "minimum": 2, "provenance": "bulletin"]]], admin: true)
            #expect(added.status == 201)
            let id = try #require(added.json["reference_values"]?.arrayValue?.first?["id"]?.stringValue)
            let listed = try await server.request(.GET, "/v1/reference-values", admin: true).json
            #expect(listed["reference_values"]?.arrayValue?.first?["minimum"] == 2)
            #expect(try await server.request(.DELETE, "/v1/reference-values/\(id)", admin: true).status == 204)
            #expect(try await server.request(.DELETE, "/v1/reference-values/\(id)", admin: true).status == 404)
        }
    }

    @Test func rotationKeepsOldKeysInTheJWKSUntilTheirTokensExpire() async throws {
        let clock = TestClock()
        try await TestServer.with(clock: clock) { server in
            let workload = try SampleWorkload(clock: clock)
            let nonce = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
            let token = try #require(try await server.json(.POST, "/v1/attest", try workload.attestBody(nonce: nonce)).json["token"]?.stringValue)
            let oldKid = try #require(try JWS.decode(token).header["kid"]?.stringValue)
            let rotated = try await server.request(.POST, "/v1/keys/rotate", admin: true)
            #expect(rotated.status == 201)
            let newKid = try #require(rotated.json["kid"]?.stringValue)
            #expect(newKid != oldKid)
            let jwks = try JWKS(json: try await server.request(.GET, "/.well-known/jwks.json").json)
            #expect(Set(jwks.keys.map(\.kid)) == [oldKid, newKid])
            #expect(throws: Never.self) { try TokenVerifier(jwks: jwks, clock: clock).verify(token) }
            let nonce2 = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
            let token2 = try #require(try await server.json(.POST, "/v1/attest", try workload.attestBody(nonce: nonce2)).json["token"]?.stringValue)
            #expect(try JWS.decode(token2).header["kid"] == .string(newKid))
            clock.advance(300 + 61 + 3)
            let later = try JWKS(json: try await server.request(.GET, "/.well-known/jwks.json").json)
            #expect(later.keys.map(\.kid) == [newKid])
            let keys = try await server.request(.GET, "/v1/keys", admin: true).json["keys"]?.arrayValue ?? []
            #expect(keys.count == 2 && keys.filter { $0["active"] == true }.count == 1)
        }
    }

    @Test func metricsCountRequestsAndVerifications() async throws {
        try await TestServer.with { server in
            let workload = try SampleWorkload()
            let nonce = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
            _ = try await server.json(.POST, "/v1/attest", try workload.attestBody(nonce: nonce))
            let text = String(decoding: try await server.request(.GET, "/metrics").body, as: UTF8.self)
            #expect(text.contains(#"assay_verifications_total{tee="sample",outcome="warning"} 1"#), "\(text)")
            #expect(text.contains("assay_http_requests_total"))
            #expect(text.contains("assay_http_request_duration_seconds_bucket"))
            #expect(try await server.request(.GET, "/healthz").json["status"] == "ok")
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        try await TestServer.with { server in
            let document = try await server.request(.GET, "/openapi.json").json
            #expect(document["openapi"] == "3.1.0")
            let documented = Set((document["paths"]?.objectValue ?? [:]).flatMap { path, operations in
                (operations.objectValue ?? [:]).keys.map { "\($0.uppercased()) \(path)" }
            })
            let served: Set<String> = [
                "POST /v1/challenge", "POST /v1/attest", "GET /.well-known/jwks.json", "GET /.well-known/openid-configuration",
                "GET /healthz", "GET /metrics", "GET /openapi.json", "GET /v1/policies", "PUT /v1/policies/{id}",
                "GET /v1/policies/{id}", "DELETE /v1/policies/{id}", "POST /v1/reference-values", "GET /v1/reference-values",
                "DELETE /v1/reference-values/{id}", "GET /v1/keys", "POST /v1/keys/rotate", "GET /v1/audit",
                "GET /v1/secrets", "PUT /v1/secrets/{path}", "GET /v1/secrets/{path}", "DELETE /v1/secrets/{path}",
                "POST /v1/secrets/{path}/release", "GET /v1/resource-policies", "PUT /v1/resource-policies/{prefix}",
                "GET /v1/resource-policies/{prefix}", "DELETE /v1/resource-policies/{prefix}",
            ]
            #expect(documented == served)
            for route in served {
                let parts = route.split(separator: " ")
                let method = HTTPMethod(rawValue: String(parts[0]))
                let path = String(parts[1]).replacingOccurrences(of: "{id}", with: "probe")
                    .replacingOccurrences(of: "{path}", with: "probe").replacingOccurrences(of: "{prefix}", with: "probe")
                let response = try await server.request(method, path, body: method == .GET ? nil : [], admin: true)
                #expect(response.status != 404 || response.json["type"] != "urn:assay:problem:not-found" || path.contains("probe"),
                        "\(route) is documented but not served")
            }
        }
    }
}

/// Requests no route takes: undeclared methods get 405 naming what is allowed, empty path segments are not found.
@Suite struct RouteGuardTests {
    @Test func undeclaredMethodsAre405WithAllow() async throws {
        try await TestServer.with { server in
            for (method, path, allowed) in [
                ("TRACE", "/v1/attest", "POST"), ("PUT", "/v1/challenge", "POST"), ("DELETE", "/healthz", "GET"),
                ("PATCH", "/v1/policies/p", "DELETE, GET, PUT"), ("PROPFIND", "/v1/secrets/a/b", "DELETE, GET, PUT"),
                ("PUT", "/v1/secrets/a/release", "POST"), ("GET", "/v1/secrets/a/b/release", "POST"),
            ] {
                let answer = try await server.request(HTTPMethod(rawValue: method), path, admin: true)
                #expect(answer.status == 405, "\(method) \(path): \(answer.json)")
                #expect(answer.headers["Allow"].first == allowed, "\(method) \(path)")
                #expect(answer.json["type"] == "urn:assay:problem:method-not-allowed")
            }
            #expect(try await server.request(.GET, "/v1/nothing-here").status == 404)
        }
    }

    @Test func emptyPathSegmentsAreNotFound() async throws {
        try await TestServer.with { server in
            for path in ["/v1/policies/", "/v1//policies", "/healthz/"] {
                let answer = try await server.request(.GET, path, admin: true)
                #expect(answer.status == 404, "\(path): \(answer.json)")
                #expect(answer.json["type"] == "urn:assay:problem:not-found")
            }
        }
    }
}
