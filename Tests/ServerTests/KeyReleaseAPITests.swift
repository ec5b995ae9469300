import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import KeyBroker
import NIOHTTP1
import Testing
import Tokens

/// Secure key release end to end through the real HTTP server with the Sample TEE.
@Suite struct KeyReleaseAPITests {
    static let secretPath = "apps/db/disk-key"

    /// A workload inside the TEE: its code (hence measurement) and its ephemeral key-agreement key.
    struct Workload {
        let sample: SampleWorkload
        let key = P256.KeyAgreement.PrivateKey()

        init(code: String = "workload v1", clock: any TimeSource = SystemTimeSource()) throws {
            sample = try SampleWorkload(code: code, clock: clock)
        }

        var publicJWK: JSONValue { TEEPublicKey(key: key.publicKey).jwk }

        /// Challenge, evidence bound to the key, attest for the server's own audience: the token.
        func token(_ server: TestServer, audience: String? = nil) async throws -> String {
            let nonce = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
            let body = try sample.attestBody(
                nonce: nonce, extra: ["tee_pubkey": publicJWK], audience: audience ?? server.baseURL)
            let result = try await server.json(.POST, "/v1/attest", body)
            #expect(result.status == 200, "\(result.json)")
            return try #require(result.json["token"]?.stringValue)
        }
    }

    /// Stores the secret and a policy releasing it to `allowed`'s measurement.
    func provision(_ server: TestServer, value: [UInt8], allowed: Workload) async throws {
        let put = try await server.request(
            .PUT, "/v1/secrets/\(Self.secretPath)", body: value, admin: true, contentType: "application/octet-stream")
        #expect(put.status == 201, "\(put.json)")
        #expect(put.json["size"]?.integerValue == Int64(value.count))
        let policy = """
            package assay.release

            default allow := false

            allow if {
                input.tee == "sample"
                input.claims.measurement == "\(Hex.encode(allowed.sample.measurement))"
            }

            reasons contains sprintf("measurement %s is not the released build", [input.claims.measurement]) if {
                input.claims.measurement != "\(Hex.encode(allowed.sample.measurement))"
            }
            """
        let attached = try await server.request(
            .PUT, "/v1/resource-policies/apps/db", body: Array(policy.utf8), admin: true, contentType: "text/plain")
        #expect(attached.status == 201, "\(attached.json)")
    }

    func release(_ server: TestServer, token: String?, body: JSONValue? = nil, path: String = secretPath) async throws
        -> TestServer.Exchange
    {
        try await server.request(
            .POST, "/v1/secrets/\(path)/release", body: body.map { Array($0.compactText.utf8) }, token: token)
    }

    func auditRecords(_ server: TestServer) async throws -> [JSONValue] {
        try await server.request(.GET, "/v1/audit?limit=1000", admin: true).json["records"]?.arrayValue ?? []
    }

    @Test func theAttestedWorkloadGetsExactlyTheStoredBytes() async throws {
        try await TestServer.with { server in
            let workload = try Workload()
            let value = (0..<256).map { UInt8($0) }
            try await provision(server, value: value, allowed: workload)
            let released = try await release(server, token: try await workload.token(server))
            #expect(released.status == 200, "\(released.json)")
            #expect(released.json["suite"]?.stringValue == SealedRelease.suiteName)
            #expect(try SealedRelease(json: released.json).open(with: workload.key) == value)
            let audit = try await auditRecords(server)
            #expect(audit.contains { $0["kind"] == "release" && $0["outcome"] == "released" && $0["tee"] == "sample" })
        }
    }

    @Test func anotherMeasurementIsRefusedNamingTheRule() async throws {
        try await TestServer.with { server in
            let allowed = try Workload()
            try await provision(server, value: Array("s3cr3t".utf8), allowed: allowed)
            let other = try Workload(code: "workload v2 (unreviewed)")
            let refused = try await release(server, token: try await other.token(server))
            #expect(refused.status == 403)
            #expect(refused.headers["Content-Type"].first == "application/problem+json")
            #expect(refused.json["type"] == "urn:assay:problem:release-denied")
            #expect(refused.json["rule"] == "data.assay.release.allow")
            let detail = refused.json["detail"]?.stringValue ?? ""
            #expect(detail.contains("data.assay.release.allow") && detail.contains("apps/db"))
            #expect(detail.contains("is not the released build"))
            let audit = try await auditRecords(server)
            #expect(audit.contains { $0["kind"] == "release-refused" && $0["policy_id"] == "resource:apps/db" })
        }
    }

    @Test func pathsWithoutAPolicyAreDeniedByDefault() async throws {
        try await TestServer.with { server in
            let workload = try Workload()
            try await provision(server, value: [1, 2, 3], allowed: workload)
            _ = try await server.request(.PUT, "/v1/secrets/other/key", body: [9], admin: true)
            let refused = try await release(server, token: try await workload.token(server), path: "other/key")
            #expect(refused.status == 403)
            #expect(refused.json["rule"] == "default-deny")
            let missing = try await release(server, token: try await workload.token(server), path: "apps/db/absent")
            #expect(missing.status == 404)
        }
    }

    @Test func expiredForeignAndMisaddressedTokensAreRefused() async throws {
        let clock = TestClock()
        try await TestServer.with(clock: clock) { server in
            let workload = try Workload(clock: clock)
            try await provision(server, value: [7, 7, 7], allowed: workload)

            #expect(try await release(server, token: nil).status == 401)
            #expect(try await release(server, token: "not.a.token").json["type"] == "urn:assay:problem:invalid-token")

            let unaddressed = try await release(server, token: try await workload.token(server, audience: "https://elsewhere"))
            #expect(unaddressed.status == 401)
            #expect(unaddressed.json["detail"]?.stringValue?.contains("audience") == true)

            let token = try await workload.token(server)
            clock.advance(300 + 31)
            let expired = try await release(server, token: token)
            #expect(expired.status == 401)
            #expect(expired.json["detail"]?.stringValue?.contains("expired") == true)
            clock.advance(-(300 + 31))

            // A token from another Assay service: well-formed, but signed by a key this service never published.
            try await TestServer.with(clock: clock) { foreign in
                let stranger = try await workload.token(foreign, audience: server.baseURL)
                let refused = try await release(server, token: stranger)
                #expect(refused.status == 401)
                #expect(refused.json["type"] == "urn:assay:problem:invalid-token")
            }
            // Refusals before authentication are recorded once per reason and window of the service's clock (the rest
            // are counted into a summary when the window closes); this test moves the clock past one window.
            let audit = try await auditRecords(server)
            let refusals = audit.filter { $0["kind"] == "release-refused" }
            #expect(Set(refusals.compactMap { $0["detail"]?["problem"]?.stringValue }) == ["token-required", "invalid-token"])
            #expect(refusals.count < 5, "\(refusals)")
            #expect(!audit.contains { $0["kind"] == "release" })
        }
    }

    @Test func aHugeOrHostilePathIsRefusedAndAuditedWithinBounds() async throws {
        try await TestServer.with { server in
            let workload = try Workload()
            let token = try await workload.token(server)
            let long = String(repeating: "a/", count: 4000) + "a"
            let refused = try await release(server, token: token, path: long)
            #expect(refused.status == 400)
            #expect(try await release(server, token: token, path: "a/../b").status == 400)
            let audited = try await auditRecords(server).filter { $0["kind"] == "release-refused" }
            #expect(audited.count == 1, "the second refusal of the same reason in the window is only counted")
            #expect(audited.allSatisfy { ($0["detail"]?["path"]?.stringValue?.utf8.count ?? .max) <= SecretPath.maxLength + 1 })
        }
    }

    @Test func aStolenTokenIsUselessWithoutTheTEEKey() async throws {
        try await TestServer.with { server in
            let workload = try Workload()
            let value = Array("disk key: 9f8e7d6c5b4a".utf8)
            try await provision(server, value: value, allowed: workload)
            let stolen = try await workload.token(server)
            let attacker = P256.KeyAgreement.PrivateKey()

            let swapped = try await release(server, token: stolen, body: ["tee_pubkey": TEEPublicKey(key: attacker.publicKey).jwk])
            #expect(swapped.status == 403)
            #expect(swapped.json["type"] == "urn:assay:problem:tee-key-mismatch")

            let replayed = try await release(server, token: stolen)
            #expect(replayed.status == 200)
            let sealed = try SealedRelease(json: replayed.json)
            #expect(throws: KeyBrokerError.self) { try sealed.open(with: attacker) }
            #expect(try sealed.open(with: workload.key) == value)
        }
    }

    @Test func aTokenWithoutATEEKeyIsRefused() async throws {
        try await TestServer.with { server in
            let workload = try Workload()
            try await provision(server, value: [1], allowed: workload)
            let nonce = try #require(try await server.request(.POST, "/v1/challenge").json["nonce"]?.stringValue)
            let result = try await server.json(
                .POST, "/v1/attest", try workload.sample.attestBody(nonce: nonce, audience: server.baseURL))
            let token = try #require(result.json["token"]?.stringValue)
            let refused = try await release(server, token: token)
            #expect(refused.status == 403)
            #expect(refused.json["type"] == "urn:assay:problem:no-tee-key")
        }
    }

    @Test func theDatabaseFileNeverHoldsThePlaintext() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString).sqlite").path
        let value = Array("PLAINTEXT-MARKER-\(UUID().uuidString)".utf8)
        try await TestServer.with(try TestServer.configuration(database: database)) { server in
            let workload = try Workload()
            try await provision(server, value: value, allowed: workload)
            #expect(try await release(server, token: try await workload.token(server)).status == 200)
            let metadata = try await server.request(.GET, "/v1/secrets/\(Self.secretPath)", admin: true)
            #expect(metadata.status == 200)
            #expect(!metadata.body.containsBytes(value))
        }
        var checked = 0
        for suffix in ["", "-wal", "-shm"] {
            guard let contents = FileManager.default.contents(atPath: database + suffix) else { continue }
            checked += 1
            for needle in [value, Array(Data(value).base64EncodedString().utf8), Array(Hex.encode(value).utf8)] {
                #expect(!Array(contents).containsBytes(needle), "found the secret in \(database + suffix)")
            }
        }
        #expect(checked >= 1)
    }

    @Test func aHundredParallelReleasesAllSucceedAndAreAudited() async throws {
        try await TestServer.with { server in
            let workload = try Workload()
            let value = Array("shared secret for many".utf8)
            try await provision(server, value: value, allowed: workload)
            let token = try await workload.token(server)
            let before = try await auditRecords(server).filter { $0["kind"] == "release" }.count
            let opened = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        let released = try await release(server, token: token)
                        guard released.status == 200 else { return [] }
                        return try SealedRelease(json: released.json).open(with: workload.key)
                    }
                }
                var all: [[UInt8]] = []
                for try await value in group { all.append(value) }
                return all
            }
            #expect(opened.count == 100)
            #expect(opened.allSatisfy { $0 == value })
            let after = try await auditRecords(server).filter { $0["kind"] == "release" }.count
            #expect(after - before == 100)
        }
    }

    @Test func adminAPIShowsMetadataOnlyAndValidatesInput() async throws {
        try await TestServer.with { server in
            for (method, path) in [(HTTPMethod.PUT, "/v1/secrets/a"), (.GET, "/v1/secrets"), (.GET, "/v1/secrets/a"),
                                   (.DELETE, "/v1/secrets/a"), (.PUT, "/v1/resource-policies/a"), (.GET, "/v1/resource-policies")] {
                #expect(try await server.request(method, path, body: method == .PUT ? [1] : nil).status == 401, "\(method) \(path)")
            }
            let value = Array("top secret value".utf8)
            #expect(try await server.request(.PUT, "/v1/secrets/team/a", body: value, admin: true).status == 201)
            let second = try await server.request(.PUT, "/v1/secrets/team/a", body: value + [0x21], admin: true)
            #expect(second.status == 200)
            #expect(second.json["version"] == 2)
            #expect(try await server.request(.PUT, "/v1/secrets/team/b", body: [1], admin: true).status == 201)
            let list = try await server.request(.GET, "/v1/secrets?prefix=team", admin: true)
            #expect(list.json["secrets"]?.arrayValue?.compactMap { $0["path"]?.stringValue } == ["team/a", "team/b"])
            #expect(!list.body.containsBytes(value))
            #expect(try await server.request(.PUT, "/v1/secrets/a/../b", body: [1], admin: true).status == 400)
            #expect(try await server.request(.PUT, "/v1/secrets/empty", body: [], admin: true).status == 400)
            let badPolicy = try await server.request(
                .PUT, "/v1/resource-policies/team", body: Array("package other\nallow := true\n".utf8), admin: true)
            #expect(badPolicy.status == 400)
            #expect(badPolicy.json["type"] == "urn:assay:problem:invalid-policy")
            #expect(try await server.request(.DELETE, "/v1/secrets/team/a", admin: true).status == 204)
            #expect(try await server.request(.GET, "/v1/secrets/team/a", admin: true).status == 404)
            let kinds = try await auditRecords(server).compactMap { $0["kind"]?.stringValue }
            #expect(kinds.filter { $0 == "secret-put" }.count == 3 && kinds.contains("secret-delete"))
        }
    }
}

extension Array where Element == UInt8 {
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count, let first = needle.first else { return false }
        var index = 0
        while index <= count - needle.count {
            if self[index] == first, Array(self[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }
}
