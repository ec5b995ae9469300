import AssayTestSupport
import AttestationCore
import Foundation
import Testing
import Tokens

/// Several `assay serve` processes on one PostgreSQL behave as one service.
@Suite(.serialized) struct ReplicaTests {
    @Test(.postgresServer) func twoReplicasShareNoncesKeysAndReferenceValues() async throws {
        try await PostgresScratch.withDatabase { settings in
            let databaseURL = settings.scratchURL
            let directory = try AssayProcess.scratch()
            let environment = [
                "ASSAY_ADMIN_TOKEN": ServiceClient.adminToken, "ASSAY_KEK": KeyEncryptionKey.generate().fileContents,
            ]
            let a = try ServeProcess(arguments: ["--database", databaseURL], environment: environment, directory: directory)
            let b = try ServeProcess(arguments: ["--database", databaseURL], environment: environment, directory: directory)
            defer { a.terminate(); b.terminate() }
            try await a.waitUntilHealthy()
            try await b.waitUntilHealthy()
            let clientA = ServiceClient(baseURL: a.baseURL)
            let clientB = ServiceClient(baseURL: b.baseURL)

            let jwksA = try await clientA.send(.GET, "/.well-known/jwks.json").json
            #expect(jwksA == (try await clientB.send(.GET, "/.well-known/jwks.json").json), "replicas must publish the same keys")
            #expect(jwksA["keys"]?.arrayValue?.count == 1, "racing replicas created one signing key between them")

            let bodies = try SampleBodies()
            var token: String?
            for _ in 0..<10 {
                let body = try bodies.body(nonce: try await clientA.nonce())
                let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                    for index in 0..<8 {
                        let client = index.isMultiple(of: 2) ? clientA : clientB
                        group.addTask {
                            let answer = try await client.send(.POST, "/v1/attest", body: body)
                            return (answer.status, answer.json["token"]?.stringValue)
                        }
                    }
                    return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0.0 == 200 }.count == 1, "a nonce is consumed exactly once: \(statuses.map(\.0))")
                #expect(statuses.filter { $0.0 == 409 }.count == 7)
                token = statuses.first { $0.0 == 200 }?.1 ?? token
            }
            let jwks = try JWKS(json: jwksA)
            #expect(try TokenVerifier(jwks: jwks).verify(try #require(token))["submods"] != nil)

            let rotated = try await clientA.send(.POST, "/v1/keys/rotate", admin: true)
            let kid = try #require(rotated.json["kid"]?.stringValue)
            try await Task.sleep(for: .seconds(3))
            let jwksB = try await clientB.send(.GET, "/.well-known/jwks.json").json
            #expect(jwksB["keys"]?.arrayValue?.contains { $0["kid"] == .string(kid) } == true)
            let afterRotation = try await clientB.send(.POST, "/v1/attest", body: try bodies.body(nonce: try await clientA.nonce()))
            #expect(try JWS.decode(try #require(afterRotation.json["token"]?.stringValue)).header["kid"] == .string(kid))

            let document: JSONValue = [
                "reference_values": [["tee": "sample", "claim": "measurement", "values": [.hex(bodies.measurement)], "provenance": "replica test"]]
            ]
            #expect(try await clientA.send(.POST, "/v1/reference-values", body: Array(document.compactText.utf8), admin: true).status == 201)
            try await Task.sleep(for: .milliseconds(1500))
            let affirmed = try await clientB.send(.POST, "/v1/attest", body: try bodies.body(nonce: try await clientB.nonce()))
            #expect(affirmed.json["status"] == "affirming", "reference values added at A apply at B")
        }
    }
}
