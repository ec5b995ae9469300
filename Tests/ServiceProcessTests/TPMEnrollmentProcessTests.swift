import AssayTestSupport
import AttestationCore
import Crypto
import Attester
import Foundation
import Testing
import Tokens
import TPM
import TPMDevice

/// TPM attestation through the real `assay serve` and `assay` binaries with a fresh swtpm (EK certificates from
/// its own local CA, which the service trusts through --tpm-ek-roots): AK enrollment by credential activation,
/// attestation, key release, and every way an enrollment is refused.
@Suite(.serialized, .swtpm, .enabled(if: Swtpm.runnable, "swtpm is not installed (scripts/test.sh installs it)")) struct TPMEnrollmentProcessTests {
    struct Setup {
        let tpm: Swtpm
        let directory: URL
        let rootsFile: String
        let tokenFile: String

        init(_ tpm: Swtpm) throws {
            self.tpm = tpm
            directory = try AssayProcess.scratch()
            rootsFile = directory.appendingPathComponent("tpm-ek-cas.pem").path
            let bundle = try Data(contentsOf: tpm.caRoot) + Data("\n".utf8) + Data(contentsOf: tpm.caIssuer)
            try bundle.write(to: URL(fileURLWithPath: rootsFile))
            tokenFile = ServiceClient.adminTokenFile(in: directory)
        }

        /// A started service on a new SQLite file (or `database`), trusting the swtpm CA unless `roots` is false.
        func serve(roots: Bool = true, database: String? = nil, extra: [String] = []) async throws -> ServeProcess {
            let file = "sqlite:" + directory.appendingPathComponent("assay-\(UUID().uuidString.prefix(8)).sqlite").path
            let arguments = ["--database", database ?? file] + (roots ? ["--tpm-ek-roots", rootsFile] : []) + extra
            let serve = try ServeProcess(
                arguments: arguments,
                environment: ["ASSAY_ADMIN_TOKEN": ServiceClient.adminToken, "ASSAY_KEK": KeyEncryptionKey.generate().fileContents],
                directory: directory)
            try await serve.waitUntilHealthy()
            return serve
        }

        func assay(_ arguments: [String]) throws -> AssayProcess.Result {
            try AssayProcess.run(arguments, in: directory)
        }

        /// The attester side in process: the swtpm through the Attester module, as `assay attest` drives it.
        func attester() throws -> TPMAttester {
            TPMAttester(client: try TPMClient.connect(try TPMDeviceAddress(parsing: tpm.address)))
        }
    }

    /// Expects `body` to fail with the service's problem `name` and `status`; returns the detail.
    @discardableResult
    static func expectProblem(
        _ name: String, status: Int, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async -> String {
        do {
            try await body()
            Issue.record("expected \(status) \(name), got success", sourceLocation: sourceLocation)
        } catch AttesterError.service(let got, let type, let detail) {
            #expect(got == status && type == "urn:assay:problem:\(name)", "\(got) \(type): \(detail)", sourceLocation: sourceLocation)
            return detail
        } catch {
            Issue.record("expected \(status) \(name), got \(error)", sourceLocation: sourceLocation)
        }
        return ""
    }

    /// The `/v1/attest` body of a quote by `key` over a fresh nonce.
    static func attestBody(_ attester: TPMAttester, key: TPMClient.CreatedKey, client: AssayClient) async throws -> [UInt8] {
        let runtime = RuntimeData(json: ["nonce": .string(try await client.challenge())])
        let quote = try attester.quote(runtimeData: runtime, selection: try PCRSelectionList(parsing: "sha256:0-7"), with: key)
        let body: JSONValue = [
            "tee": "tpm", "evidence": .string(Base64.encode(quote.platformParameters)),
            "runtime_data": .string(Base64.encode(runtime.bytes)),
        ]
        return Array(body.compactText.utf8)
    }

    @Test(arguments: ["rsa2048", "ecc-p256"])
    func theCLIEnrollsAFreshAKAndAttestsWithHardwareAffirmed(akType: String) async throws {
        let tpm = try #require(Swtpm.current)
        let setup = try Setup(tpm)
        let serve = try await setup.serve()
        defer { serve.terminate() }
        let attest = try setup.assay([
            "attest", "--tee", "tpm", "--tpm", tpm.address, "--server", serve.baseURL, "--ak-type", akType,
            "--pcr-selection", "sha256:0-23+sha1:0-7", "--format", "json",
        ])
        #expect(attest.status == 0, "\(attest.stdout) \(attest.stderr)")
        let response = try JSONValue(parsing: Array(attest.stdout.utf8))
        #expect(response["trust_vector"]?["hardware"] == 2, "\(response)")
        #expect(response["trust_vector"]?["configuration"] == 2)
        let reasons = (response["reasons"]?.arrayValue ?? []).compactMap { $0["component"]?.stringValue }
        #expect(reasons == ["executables"], "only the missing PCR reference values keep the status at warning: \(response)")
        let token = try JWS.decode(try #require(response["token"]?.stringValue)).payload
        let claims = token["submods"]?["tpm"]?["ear.veraison.annotated-evidence"]
        #expect(claims?["ak_endorsement"] == "credential_activation")
        #expect(claims?["ek_certificate"]?["tpm_model"] == "swtpm")
        #expect(claims?["pcrs"]?["sha1"]?["7"] != nil)

        let audit = try await ServiceClient(baseURL: serve.baseURL).send(.GET, "/v1/audit", admin: true).json
        let kinds = (audit["records"]?.arrayValue ?? []).compactMap { record in
            record["kind"]?.stringValue.map { "\($0):\(record["outcome"]?.stringValue ?? "")" }
        }
        #expect(kinds == ["tpm-enroll:challenged", "tpm-activate:activated", "attest:warning"])
    }

    @Test func aWrongSecretAReplayAndAnExpiredEnrollmentAreRefused() async throws {
        let tpm = try #require(Swtpm.current)
        let setup = try Setup(tpm)
        let serve = try await setup.serve()
        defer { serve.terminate() }
        let client = AssayClient(baseURL: serve.baseURL)
        let attester = try setup.attester()
        let key = try attester.createAttestationKey()

        let first = try await client.enroll(try attester.enrollmentRequest(for: key))
        let right = try attester.activate(first.challenge, for: key)
        var wrongSecret = right.secret
        wrongSecret[0] ^= 0x01
        let detail = await Self.expectProblem("tpm-enrollment-rejected", status: 422) {
            _ = try await client.activate(enrollment: first.id, with: CredentialResponse(secret: wrongSecret))
        }
        #expect(detail.contains("credential_activation"))
        await Self.expectProblem("tpm-enrollment-unknown", status: 404) {
            _ = try await client.activate(enrollment: first.id, with: right)
        }
        await Self.expectProblem("evidence-rejected", status: 422) {
            _ = try await client.send(.POST, "/v1/attest", bytes: try await Self.attestBody(attester, key: key, client: client), contentType: "application/json")
        }

        let second = try await client.enroll(try attester.enrollmentRequest(for: key))
        let answer = try await client.activate(enrollment: second.id, with: try attester.activate(second.challenge, for: key))
        #expect(answer["ak_name"] == .string(second.akName))
        await Self.expectProblem("tpm-enrollment-unknown", status: 404) {
            _ = try await client.activate(enrollment: second.id, with: try attester.activate(second.challenge, for: key))
        }
        let attested = try await client.send(
            .POST, "/v1/attest", bytes: try await Self.attestBody(attester, key: key, client: client), contentType: "application/json")
        #expect(attested["trust_vector"]?["hardware"] == 2, "\(attested)")

        let brief = try await setup.serve(extra: ["--nonce-ttl", "1"])
        defer { brief.terminate() }
        let briefClient = AssayClient(baseURL: brief.baseURL)
        let pending = try await briefClient.enroll(try attester.enrollmentRequest(for: key))
        let late = try attester.activate(pending.challenge, for: key)
        try await Task.sleep(for: .milliseconds(1500))
        await Self.expectProblem("tpm-enrollment-expired", status: 410) {
            _ = try await briefClient.activate(enrollment: pending.id, with: late)
        }
        await Self.expectProblem("tpm-enrollment-unknown", status: 404) {
            _ = try await briefClient.activate(enrollment: pending.id, with: late)
        }
    }

    @Test func anEKCertificateOutsideTheTrustedCAsAndAnAKNeverEnrolledAreRejectedNamingTheCheck() async throws {
        let tpm = try #require(Swtpm.current)
        let setup = try Setup(tpm)
        let untrusting = try await setup.serve(roots: false)
        defer { untrusting.terminate() }
        let refused = try setup.assay(["attest", "--tee", "tpm", "--tpm", tpm.address, "--server", untrusting.baseURL])
        #expect(refused.status == 1, "\(refused.stdout) \(refused.stderr)")
        #expect(refused.stderr.contains("tpm-enrollment-rejected") && refused.stderr.contains("ek_certificate_chain"))
        #expect(refused.stderr.contains("--tpm-ek-roots"))

        let serve = try await setup.serve()
        defer { serve.terminate() }
        let client = AssayClient(baseURL: serve.baseURL)
        let attester = try setup.attester()
        let key = try attester.createAttestationKey()
        let answer = try await ServiceClient(baseURL: serve.baseURL).send(
            .POST, "/v1/attest", body: try await Self.attestBody(attester, key: key, client: client))
        #expect(answer.status == 422)
        #expect(answer.json["type"] == "urn:assay:problem:evidence-rejected")
        let failed = (answer.json["failures"]?.arrayValue ?? []).compactMap { $0["check"]?.stringValue }
        #expect(failed == ["ak_activated"], "\(answer.json)")
    }

    @Test func secretGetWithATPMReceivesExactlyTheStoredBytes() async throws {
        let tpm = try #require(Swtpm.current)
        let setup = try Setup(tpm)
        let serve = try await setup.serve()
        defer { serve.terminate() }
        let value = Array("tpm-sealed-disk-key-\(UUID().uuidString)".utf8) + [0x00, 0xff, 0x0a]
        let valueFile = setup.directory.appendingPathComponent("value.bin")
        try Data(value).write(to: valueFile)
        let put = try setup.assay([
            "secret", "put", "apps/tpm/disk-key", "--file", valueFile.path, "--server", serve.baseURL, "--admin-token-file", setup.tokenFile,
        ])
        #expect(put.status == 0, "\(put.stderr)")
        let policyFile = setup.directory.appendingPathComponent("release.rego")
        try """
            package assay.release
            default allow := false
            allow if {
                input.tee == "tpm"
                input.claims.ak_endorsement == "credential_activation"
                input.trust_vector.hardware == 2
            }
            """.write(to: policyFile, atomically: true, encoding: .utf8)
        let attached = try setup.assay([
            "secret", "policy", "apps/tpm", "--file", policyFile.path, "--server", serve.baseURL, "--admin-token-file", setup.tokenFile,
        ])
        #expect(attached.status == 0, "\(attached.stderr)")

        let out = setup.directory.appendingPathComponent("disk.key").path
        let got = try setup.assay([
            "secret", "get", "apps/tpm/disk-key", "--server", serve.baseURL, "--tee", "tpm", "--tpm", tpm.address,
            "--pcr-selection", "sha256:0-7", "--out", out,
        ])
        #expect(got.status == 0, "\(got.stderr)")
        #expect(FileManager.default.contents(atPath: out).map(Array.init) == value)

        let sampleOnly = try setup.assay([
            "secret", "get", "apps/tpm/disk-key", "--server", serve.baseURL, "--tee", "sample", "--workload", valueFile.path,
        ])
        #expect(sampleOnly.status == 1 && sampleOnly.stderr.contains("release-denied"), "\(sampleOnly.stderr)")
        #expect(sampleOnly.stdout.isEmpty)
    }

    /// The documented TPM resource policy pins the TPMs it trusts by their EK certificate: enrollment is open to
    /// any genuine TPM of a trusted vendor, so "credential activation" alone admits them all.
    @Test func aResourcePolicyPinsTheTrustedTPMsByTheirEKCertificate() async throws {
        let tpm = try #require(Swtpm.current)
        let setup = try Setup(tpm)
        let serve = try await setup.serve()
        defer { serve.terminate() }
        let ekCertificate = try #require(try setup.attester().endorsementCertificate())
        let digest = Hex.encode(SHA256.hash(data: ekCertificate))
        let valueFile = setup.directory.appendingPathComponent("value.bin")
        try Data("pinned".utf8).write(to: valueFile)
        for (prefix, pinned) in [("apps/pinned", digest), ("apps/other", String(repeating: "ab", count: 32))] {
            #expect(try setup.assay([
                "secret", "put", "\(prefix)/key", "--file", valueFile.path, "--server", serve.baseURL, "--admin-token-file", setup.tokenFile,
            ]).status == 0)
            let policyFile = setup.directory.appendingPathComponent("\(prefix.replacingOccurrences(of: "/", with: "-")).rego")
            try """
                package assay.release
                default allow := false
                allow if {
                    input.tee == "tpm"
                    input.trust_vector.hardware == 2
                    input.claims.ek_certificate.sha256 in {"\(pinned)"}
                }
                """.write(to: policyFile, atomically: true, encoding: .utf8)
            #expect(try setup.assay([
                "secret", "policy", prefix, "--file", policyFile.path, "--server", serve.baseURL, "--admin-token-file", setup.tokenFile,
            ]).status == 0)
        }
        let arguments = ["--server", serve.baseURL, "--tee", "tpm", "--tpm", tpm.address, "--pcr-selection", "sha256:0-7"]
        let pinned = try setup.assay(["secret", "get", "apps/pinned/key"] + arguments)
        #expect(pinned.status == 0 && pinned.stdout == "pinned", "\(pinned.stderr)")
        let other = try setup.assay(["secret", "get", "apps/other/key"] + arguments)
        #expect(other.status == 1 && other.stderr.contains("release-denied"), "a TPM outside the pinned set gets nothing: \(other.stderr)")
    }

    @Test(.postgresServer) func anEnrollmentOpenedAtOneReplicaCompletesAtAnother() async throws {
        let tpm = try #require(Swtpm.current)
        let setup = try Setup(tpm)
        try await PostgresScratch.withDatabase { settings in
            let databaseURL = settings.scratchURL
            let kek = KeyEncryptionKey.generate().fileContents
            let environment = ["ASSAY_KEK": kek, "ASSAY_TPM_EK_ROOTS": setup.rootsFile]
            let a = try ServeProcess(arguments: ["--database", databaseURL], environment: environment, directory: setup.directory)
            defer { a.terminate() }
            try await a.waitUntilHealthy()
            let b = try ServeProcess(arguments: ["--database", databaseURL], environment: environment, directory: setup.directory)
            defer { b.terminate() }
            try await b.waitUntilHealthy()

            let attester = try setup.attester()
            let key = try attester.createAttestationKey(template: TPMKeyTemplate.attestationECCP256)
            let pending = try await AssayClient(baseURL: a.baseURL).enroll(try attester.enrollmentRequest(for: key))
            let clientB = AssayClient(baseURL: b.baseURL)
            let activated = try await clientB.activate(enrollment: pending.id, with: try attester.activate(pending.challenge, for: key))
            #expect(activated["ak_name"] == .string(pending.akName))
            let attested = try await AssayClient(baseURL: a.baseURL).send(
                .POST, "/v1/attest", bytes: try await Self.attestBody(attester, key: key, client: clientB), contentType: "application/json")
            #expect(attested["trust_vector"]?["hardware"] == 2, "\(attested)")
        }
    }
}
