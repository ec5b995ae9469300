import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import NIOHTTP1
import Testing

/// Every admin change that decides who gets secrets is audited with who made it (a fingerprint of the admin token
/// and the client address), what changed and the digests before and after; policy histories stay readable.
@Suite struct AdminAuditTests {
    static let fingerprint = "admin:" + Hex.encode(SHA256.hash(data: Array(TestServer.adminToken.utf8)).prefix(8))

    @Test func everyAdminChangeIsAuditedWithWhoWhatAndTheDigests() async throws {
        try await TestServer.with { server in
            let policy = Array("package assay.appraisal\ntrust_vector := {}\nreasons := []\n".utf8)
            let release = Array("package assay.release\ndefault allow := false\n".utf8)
            let entry = Array(#"{"reference_values": [{"tee": "sample", "claim": "measurement", "values": ["00"]}]}"#.utf8)
            #expect(try await server.request(.PUT, "/v1/policies/house", body: policy, admin: true, contentType: "text/plain").status == 201)
            #expect(try await server.request(.PUT, "/v1/policies/house", body: policy + [0x0a], admin: true, contentType: "text/plain").status == 200)
            #expect(try await server.request(.DELETE, "/v1/policies/house", admin: true).status == 204)
            let added = try await server.request(.POST, "/v1/reference-values", body: entry, admin: true)
            let id = try #require(added.json["reference_values"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await server.request(.DELETE, "/v1/reference-values/\(id)", admin: true).status == 204)
            #expect(try await server.request(.POST, "/v1/keys/rotate", body: [], admin: true).status == 201)
            #expect(try await server.request(.PUT, "/v1/secrets/apps/key", body: Array("v".utf8), admin: true, contentType: "application/octet-stream").status == 201)
            #expect(try await server.request(.DELETE, "/v1/secrets/apps/key", admin: true).status == 204)
            #expect(try await server.request(.PUT, "/v1/resource-policies/apps", body: release, admin: true, contentType: "text/plain").status == 201)
            #expect(try await server.request(.DELETE, "/v1/resource-policies/apps", admin: true).status == 204)

            let records = try await server.request(.GET, "/v1/audit?limit=100", admin: true).json["records"]?.arrayValue ?? []
            #expect(records.map { $0["kind"]?.stringValue ?? "" } == [
                "policy-put", "policy-put", "policy-delete", "reference-values-add", "reference-value-delete", "key-rotate",
                "secret-put", "secret-delete", "resource-policy-put", "resource-policy-delete",
            ])
            for record in records {
                #expect(record["detail"]?["principal"] == .string(Self.fingerprint), "\(record)")
                #expect(record["client"] == "127.0.0.1")
            }
            let second = records[1]["detail"]
            #expect(second?["version"] == 2)
            #expect(second?["previous_sha256"] == .string(Hex.encode(SHA256.hash(data: policy))))
            #expect(second?["sha256"] == .string(Hex.encode(SHA256.hash(data: policy + [0x0a]))))
            #expect(!records.contains { $0.compactText.contains(TestServer.adminToken) }, "the token itself is never recorded")
        }
    }

    @Test func policyHistoriesStayReadableAndVersionsAreNeverReused() async throws {
        try await TestServer.with { server in
            for text in ["package a\n", "package b\n"] {
                _ = try await server.request(.PUT, "/v1/policies/p", body: Array(text.utf8), admin: true, contentType: "text/plain")
                _ = try await server.request(.PUT, "/v1/resource-policies/apps", body: Array("package assay.release\n# \(text)".utf8), admin: true, contentType: "text/plain")
            }
            #expect(try await server.request(.GET, "/v1/policies/p?version=1", admin: true).json["text"] == "package a\n")
            #expect(try await server.request(.GET, "/v1/resource-policies/apps?version=1", admin: true).json["text"] == "package assay.release\n# package a\n")
            #expect(try await server.request(.DELETE, "/v1/policies/p", admin: true).status == 204)
            #expect(try await server.request(.GET, "/v1/policies/p?version=2", admin: true).json["text"] == "package b\n")
            let again = try await server.request(.PUT, "/v1/policies/p", body: Array("package c\n".utf8), admin: true, contentType: "text/plain")
            #expect(again.json["version"] == 3)
            #expect(try await server.request(.GET, "/v1/policies/p?version=9", admin: true).status == 404)
            #expect(try await server.request(.GET, "/v1/policies/p?version=zero", admin: true).status == 400)
        }
    }
}
