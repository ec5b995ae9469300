import AssayTestSupport
import AsyncHTTPClient
import AttestationCore
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import SampleTEE
import SwiftASN1
import Testing
import TPM
import TPMDevice
import X509

/// The outside review's attacks, run against the real `assay serve` on its defaults, each asserting the bounded
/// outcome: what an unauthenticated caller, an attester or someone with the database can no longer do.
@Suite(.serialized) struct AttackTests {
    /// A scratch directory, an admin token file and a fresh database for one served process.
    struct Setup {
        let directory: URL
        let tokenFile: String
        let database: String

        init() throws {
            directory = try AssayProcess.scratch()
            tokenFile = ServiceClient.adminTokenFile(in: directory)
            database = directory.appendingPathComponent("assay.sqlite").path
        }

        func serve(_ arguments: [String] = [], sample: Bool = true, openFiles: Int? = nil) async throws -> ServeProcess {
            let process = try ServeProcess(
                arguments: ["--database", "sqlite:" + database, "--kek-file", directory.appendingPathComponent("kek").path,
                            "--admin-token-file", tokenFile] + arguments,
                environment: [:], directory: directory, sample: sample, openFiles: openFiles)
            try await process.waitUntilHealthy()
            return process
        }
    }

    /// What `assay serve arguments…` printed when it refused to start (a start counts as a failure).
    static func refusedStart(_ arguments: [String], in directory: URL) async throws -> String {
        let process = try ServeProcess(arguments: arguments, environment: [:], directory: directory, sample: false)
        do {
            try await process.waitUntilHealthy(timeout: .seconds(30))
            process.terminate()
            Issue.record("assay serve \(arguments) started")
            return ""
        } catch ServeProcessError.exited(let status, let log) {
            #expect(status != 0)
            return log
        }
    }

    /// How long `/healthz` takes to answer 200 (a miss counts as its timeout).
    static func healthLatency(_ port: Int) -> Duration {
        let start = ContinuousClock.now
        _ = try? RawSocket.get(port: port, path: "/healthz")
        return ContinuousClock.now - start
    }

    // MARK: 1. Chain building

    /// An EK certificate issued by `CN=Evil`, with 48 look-alike intermediates (same name and key, different SAN)
    /// and the public GCE root as collateral: the review measured 9 s for 7 and ~15 min for 9. The answer must come
    /// at once and the service stay responsive.
    @Test(.sharedVectors) func lookAlikeIntermediatesCannotStallTheService() async throws {
        try SharedVectors.require()
        let setup = try Setup()
        let serve = try await setup.serve()
        defer { serve.terminate() }
        let client = ServiceClient(baseURL: serve.baseURL)
        let evilKey = P256.Signing.PrivateKey()
        let evil = try DistinguishedName { CommonName("Evil") }
        func certificate(subject: DistinguishedName, key: P256.Signing.PublicKey, san: GeneralName, ca: Bool) throws -> [UInt8] {
            var serializer = DER.Serializer()
            try serializer.serialize(
                try Certificate(
                    version: .v3, serialNumber: .init(), publicKey: .init(key), notValidBefore: Date() - 3600,
                    notValidAfter: Date() + 86400, issuer: evil, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
                    extensions: try Certificate.Extensions {
                        if ca { Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil)) }
                        Critical(SubjectAlternativeNames([san]))
                    }, issuerPrivateKey: .init(evilKey)))
            return serializer.serializedBytes
        }
        let lookAlikes = try (0..<48).map { try certificate(subject: evil, key: evilKey.publicKey, san: .dnsName("n\($0).evil"), ca: true) }
        let model = try DistinguishedName([.init(type: [2, 23, 133, 2, 1], value: .init(utf8String: "id:45564C00"))])
        let ekCertificate = try certificate(
            subject: DistinguishedName(), key: P256.Signing.PrivateKey().publicKey, san: .directoryName(model), ca: false)
        let root = try #require(
            FileManager.default.contents(atPath: SharedVectors.root.appendingPathComponent("tpm/roots/gce_tpm_ek_root_1.cer").path),
            "the GCE root from the shared vectors")

        let signer = try SoftwareQuoteSigner(key: .p256(P256.Signing.PrivateKey()))
        let nonce = try await client.nonce()
        let runtime = RuntimeData(json: ["nonce": .string(nonce)])
        let selection = PCRSelectionList([PCRSelection(hash: .sha256, indices: 0..<8)])
        var values = PCRValues()
        for index in 0..<8 { values[.sha256, index] = [UInt8](repeating: UInt8(index), count: 32) }
        let quote = try signer.quote(
            values: values, selection: selection, extraData: runtime.reportData(for: .sha256),
            clock: TPMSClockInfo(clock: 1, resetCount: 0, restartCount: 0, safe: true), firmwareVersion: 1)
        let evidence: JSONValue = [
            "TPMVersion": 2, "Public": .string(Base64.encode(signer.publicArea.sizedBytes)),
            "Quotes": [["Version": 2, "Quote": .string(Base64.encode(quote.attest.bytes)), "Signature": .string(Base64.encode(quote.signature.bytes))]],
            "PCRs": .array((0..<8).map { ["Index": .integer(Int64($0)), "Digest": .string(Base64.encode(values[.sha256, $0] ?? [])), "DigestAlg": 5] }),
            "Static": ["EKPem": .string(PEMDocument(type: "CERTIFICATE", derBytes: ekCertificate).pemString)],
        ]
        let body: JSONValue = [
            "tee": "tpm", "evidence": .string(Base64.encode(Array(evidence.compactText.utf8))),
            "runtime_data": .string(Base64.encode(runtime.bytes)),
            "collateral": .array(([Array(root)] + lookAlikes).map { .string(Base64.encode($0)) }),
        ]
        let start = ContinuousClock.now
        async let answer = client.send(.POST, "/v1/attest", body: Array(body.compactText.utf8))
        var slowest = Duration.zero
        for _ in 0..<5 { slowest = max(slowest, Self.healthLatency(serve.port)) }
        let refused = try await answer
        let elapsed = ContinuousClock.now - start
        #expect(refused.status == 422, "\(refused.json)")
        #expect(refused.json["detail"]?.stringValue?.contains("ek_certificate_chain") == true, "\(refused.json)")
        #expect(elapsed < .seconds(5), "\(elapsed)")
        #expect(slowest < .seconds(1), "/healthz took \(slowest) during the attack")
    }

    // MARK: 2. Development TEEs

    /// On its defaults the service accepts no Sample TEE evidence (made outside any TEE); with it enabled, the
    /// documented resource policy (hardware affirmed) still releases nothing to it.
    @Test func sampleEvidenceIsRefusedByDefaultAndTheDocumentedPolicyNeedsHardware() async throws {
        let setup = try Setup()
        let strict = try await setup.serve(sample: false)
        let client = ServiceClient(baseURL: strict.baseURL)
        let refused = try await client.send(.POST, "/v1/attest", body: try SampleBodies().body(nonce: try await client.nonce()))
        #expect(refused.status == 400 && refused.json["type"] == "urn:assay:problem:unsupported-tee", "\(refused.json)")
        #expect(refused.json["detail"]?.stringValue?.contains("snp") == true)
        strict.terminate()

        let lenient = try await setup.serve()
        defer { lenient.terminate() }
        #expect(lenient.output.contains("development TEE enabled"), "a startup warning names it")
        let workload = setup.directory.appendingPathComponent("app")
        try Data("the reviewed build".utf8).write(to: workload)
        let measurement = Hex.encode(try WorkloadMeasurement.measure(path: workload))
        let valueFile = setup.directory.appendingPathComponent("value")
        try Data("disk-key".utf8).write(to: valueFile)
        #expect(try AssayProcess.run(
            ["secret", "put", "apps/db/disk-key", "--file", valueFile.path, "--server", lenient.baseURL, "--admin-token-file", setup.tokenFile],
            in: setup.directory).status == 0)
        let policy = setup.directory.appendingPathComponent("release.rego")
        try """
            package assay.release
            default allow := false
            allow if {
                input.trust_vector.hardware == 2
                input.appraisal_policy_id == "assay-default-v1"
                input.claims.measurement == "\(measurement)"
            }
            """.write(to: policy, atomically: true, encoding: .utf8)
        #expect(try AssayProcess.run(
            ["secret", "policy", "apps/db", "--file", policy.path, "--server", lenient.baseURL, "--admin-token-file", setup.tokenFile],
            in: setup.directory).status == 0)
        let got = try AssayProcess.run(
            ["secret", "get", "apps/db/disk-key", "--server", lenient.baseURL, "--tee", "sample", "--workload", workload.path],
            in: setup.directory)
        #expect(got.status == 1 && got.stderr.contains("release-denied"), "\(got.stderr)")
        #expect(got.stdout.isEmpty)

        // The control: the same policy without the hardware clause releases, so that clause is what refuses.
        #expect(try AssayProcess.run(
            ["secret", "put", "apps/dev/key", "--file", valueFile.path, "--server", lenient.baseURL, "--admin-token-file", setup.tokenFile],
            in: setup.directory).status == 0)
        let development = setup.directory.appendingPathComponent("development.rego")
        try String(decoding: try Data(contentsOf: policy), as: UTF8.self)
            .replacingOccurrences(of: "    input.trust_vector.hardware == 2\n", with: "")
            .write(to: development, atomically: true, encoding: .utf8)
        #expect(try AssayProcess.run(
            ["secret", "policy", "apps/dev", "--file", development.path, "--server", lenient.baseURL, "--admin-token-file", setup.tokenFile],
            in: setup.directory).status == 0)
        let control = try AssayProcess.run(
            ["secret", "get", "apps/dev/key", "--server", lenient.baseURL, "--tee", "sample", "--workload", workload.path],
            in: setup.directory)
        #expect(control.status == 0 && control.stdout == "disk-key", "\(control.stderr)")
    }

    // MARK: 3. Metric labels

    /// Any `tee` string and any method used to become a label: 40 requests grew /metrics from 30 KB to 8 MB.
    @Test func junkNamesDoNotGrowTheMetrics() async throws {
        let setup = try Setup()
        let serve = try await setup.serve()
        defer { serve.terminate() }
        let client = ServiceClient(baseURL: serve.baseURL)
        _ = try await client.send(.POST, "/v1/attest", body: try SampleBodies().body(nonce: try await client.nonce()))
        let before = try RawSocket.get(port: serve.port, path: "/metrics").utf8.count
        for index in 0..<200 {
            let tee = String(repeating: "x", count: 50_000) + "\(index)"
            let body: JSONValue = ["tee": .string(tee), "evidence": "AA==", "runtime_data": "e30="]
            let answer = try await client.send(.POST, "/v1/attest", body: Array(body.compactText.utf8))
            #expect(answer.status == 400)
            _ = try await client.send(HTTPMethod(rawValue: "JUNK\(index)"), "/v1/attest")
        }
        let metrics = try await client.send(.GET, "/metrics")
        #expect(metrics.status == 200)
        var request = HTTPClientRequest(url: serve.baseURL + "/metrics")
        request.method = .GET
        let after = try await HTTPClient.shared.execute(request, timeout: .seconds(10)).body.collect(upTo: 64 << 20).readableBytes
        #expect(after < before + 8 * 1024, "/metrics grew from \(before) to \(after) bytes")
    }

    // MARK: 4. Audit growth

    /// Refused releases used to write a permanent row embedding the caller's kid/alg (~46 KB each). 10,000 of them
    /// must cost kilobytes.
    @Test func tenThousandJunkReleasesCostKilobytes() async throws {
        let setup = try Setup()
        let serve = try await setup.serve()
        defer { serve.terminate() }
        func databaseBytes() -> Int {
            ["", "-wal"].reduce(0) { total, suffix in
                total + ((try? FileManager.default.attributesOfItem(atPath: setup.database + suffix)[.size] as? Int) ?? 0)
            }
        }
        let header = Base64.encodeURL(Array(#"{"alg":"\#(String(repeating: "A", count: 2_000))","kid":"\#(String(repeating: "K", count: 2_000))"}"#.utf8))
        let junk = "Bearer \(header).e30.AAAA"
        let auditBefore = try await ServiceClient(baseURL: serve.baseURL).send(.GET, "/v1/audit?limit=1000", admin: true)
            .json["records"]?.arrayValue?.count ?? 0
        let before = databaseBytes()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for index in 0..<625 {
                        var request = HTTPClientRequest(url: serve.baseURL + "/v1/secrets/apps/\(worker)/\(index)/release")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: junk)
                        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                        #expect(response.status == .unauthorized)
                        _ = try await response.body.collect(upTo: 1 << 20)
                    }
                }
            }
            try await group.waitForAll()
        }
        let records = try await ServiceClient(baseURL: serve.baseURL).send(.GET, "/v1/audit?limit=1000", admin: true)
            .json["records"]?.arrayValue ?? []
        // One record per reason and minute-long window, and one summary per window that closed: the count depends on
        // how many windows the run spanned, not on how many requests it made.
        let windows = Int((ContinuousClock.now - start).components.seconds / 60) + 1
        #expect(records.count - auditBefore <= 2 * windows, "\(records.count - auditBefore) audit records for 10,000 junk requests")
        #expect(databaseBytes() - before < 256 * 1024, "the database grew \(databaseBytes() - before) bytes")
        #expect(records.allSatisfy { ($0["detail"]?.compactText.utf8.count ?? 0) <= 4096 })
    }

    // MARK: 6. Policy arithmetic

    /// `strings.repeat("abc", 4e18)` used to kill the CLI (SIGILL), the server when an admin uploaded it (it is
    /// evaluated while validated), and the server for any caller when a stored appraisal policy took the count from
    /// the request. Each now ends in an evaluation error, and the service stays up.
    @Test func policyArithmeticCannotKillTheProcess() async throws {
        let setup = try Setup()
        let hostile = """
            package assay.release
            allow := count(strings.repeat("abc", 4000000000000000000)) > 0
            """
        let file = setup.directory.appendingPathComponent("hostile.rego")
        try hostile.write(to: file, atomically: true, encoding: .utf8)
        let cli = try AssayProcess.run(
            ["policy", "eval", "--data", file.path, "data.assay.release.allow"], in: setup.directory)
        #expect(cli.status == 2 && cli.stderr.contains("eval_limit_error"), "\(cli.status): \(cli.stderr)")

        let serve = try await setup.serve(["--selectable-policy", "counted"])
        defer { serve.terminate() }
        let admin = ServiceClient(baseURL: serve.baseURL)
        let refused = try await admin.send(.PUT, "/v1/resource-policies/apps", body: Array(hostile.utf8), admin: true)
        #expect(refused.status == 400 && refused.json["detail"]?.stringValue?.contains("eval_limit_error") == true, "\(refused.json)")

        let counted = """
            package assay.appraisal
            trust_vector := {"hardware": 0} if count(strings.repeat("abc", input.runtime_data.count)) > 0
            reasons := []
            """
        #expect(try await admin.send(.PUT, "/v1/policies/counted", body: Array(counted.utf8), admin: true).status == 201)
        let nonce = try await admin.nonce()
        let runtime = RuntimeData(json: ["nonce": .string(nonce), "count": .integer(4_000_000_000_000_000_000)])
        let bodies = try SampleBodies()
        let evidence = try bodies.attester.attest(measurement: bodies.measurement, runtimeData: runtime)
        let attest: JSONValue = [
            "tee": "sample", "evidence": .string(Base64.encode(evidence)), "runtime_data": .string(Base64.encode(runtime.bytes)),
            "policy": "counted",
        ]
        let failed = try await admin.send(.POST, "/v1/attest", body: Array(attest.compactText.utf8))
        #expect(failed.status == 500 && failed.json["type"] == "urn:assay:problem:policy-error", "\(failed.json)")
        #expect(failed.json["detail"]?.stringValue?.contains("eval_limit_error") == true)
        #expect(Self.healthLatency(serve.port) < .seconds(1) && serve.process.isRunning)
    }

    // MARK: 8. Work off the event loops

    /// One slow request used to freeze every connection on its event loop. Now the work runs on a bounded pool: a
    /// full pool refuses at once (503, Retry-After), work past the request deadline is cancelled (503), and
    /// /healthz answers throughout; SIGTERM then finishes within the deadline.
    @Test func slowWorkNeitherBlocksTheServiceNorOutlivesItsDeadline() async throws {
        let setup = try Setup()
        let serve = try await setup.serve([
            "--workers", "1", "--max-pending-requests", "2", "--request-timeout", "2", "--selectable-policy", "slow",
        ])
        let admin = ServiceClient(baseURL: serve.baseURL)
        let slow = """
            package assay.appraisal
            trust_vector := {"hardware": 0} if {
                some i in numbers.range(1, 100000)
                some j in numbers.range(1, 100000)
                i * j == -1
            }
            reasons := []
            """
        #expect(try await admin.send(.PUT, "/v1/policies/slow", body: Array(slow.utf8), admin: true).status == 201)
        let bodies = try SampleBodies()
        func slowBody() async throws -> [UInt8] {
            let runtime = RuntimeData(json: ["nonce": .string(try await admin.nonce())])
            let evidence = try bodies.attester.attest(measurement: bodies.measurement, runtimeData: runtime)
            let body: JSONValue = [
                "tee": "sample", "evidence": .string(Base64.encode(evidence)), "runtime_data": .string(Base64.encode(runtime.bytes)),
                "policy": "slow",
            ]
            return Array(body.compactText.utf8)
        }
        let requests = [try await slowBody(), try await slowBody(), try await slowBody()]
        let start = ContinuousClock.now
        async let answers = withThrowingTaskGroup(of: ServiceClient.Answer.self) { group in
            for body in requests { group.addTask { try await admin.send(.POST, "/v1/attest", body: body) } }
            return try await group.reduce(into: [ServiceClient.Answer]()) { $0.append($1) }
        }
        try await Task.sleep(for: .milliseconds(300))
        var slowest = Duration.zero
        for _ in 0..<5 { slowest = max(slowest, Self.healthLatency(serve.port)) }
        let refused = try await answers
        let elapsed = ContinuousClock.now - start
        #expect(slowest < .seconds(1), "/healthz took \(slowest) while the workers were busy")
        let types = refused.map { $0.json["type"]?.stringValue ?? "\($0.status)" }.sorted()
        #expect(refused.allSatisfy { $0.status == 503 }, "\(types)")
        #expect(types.contains("urn:assay:problem:overloaded"), "\(types)")
        #expect(types.contains("urn:assay:problem:deadline-exceeded"), "\(types)")
        #expect(elapsed < .seconds(8), "\(elapsed)")

        let body = try await slowBody()
        async let inFlight = admin.send(.POST, "/v1/attest", body: body)
        try await Task.sleep(for: .milliseconds(300))
        let stopping = ContinuousClock.now
        serve.process.terminate()
        serve.process.waitUntilExit()
        #expect(ContinuousClock.now - stopping < .seconds(6), "SIGTERM waits for in-flight work no longer than its deadline")
        _ = try? await inFlight
    }

    // MARK: 7. Slow clients

    /// Half-sent requests held connections for minutes; 300 of them made a server with 256 file descriptors
    /// unreachable. Now each is cut off at the head deadline and the connection cap keeps descriptors for others.
    @Test func slowHeadersAreCutOffAndTheServiceStaysReachable() async throws {
        let setup = try Setup()
        let serve = try await setup.serve(["--request-header-timeout", "2"], openFiles: 256)
        defer { serve.terminate() }
        var slow: [RawConnection] = []
        for _ in 0..<300 {
            guard let connection = try? RawConnection(port: serve.port) else { continue }
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
            slow.append(connection)
        }
        #expect(slow.count == 300, "the listen backlog takes what the cap leaves")
        let start = ContinuousClock.now
        var healthy = false
        while ContinuousClock.now - start < .seconds(8), !healthy {
            healthy = (try? RawSocket.get(port: serve.port, path: "/healthz"))?.hasPrefix("HTTP/1.1 200") == true
        }
        #expect(healthy, "/healthz unreachable while 300 slow clients hold connections")
        #expect(ContinuousClock.now - start < .seconds(8))
        let cutOff = slow.prefix(50).filter { $0.closedByPeer(within: 6) }.count
        #expect(cutOff == 50, "\(cutOff) of 50 slow connections were closed by the server")
        #expect(serve.process.isRunning)
    }

    /// The read deadline also holds for a later request of a kept-alive connection, counted from that request's
    /// first byte: not cut off early by the timer armed for the first request, not left open past its own deadline.
    @Test func aSlowSecondRequestOnAKeptAliveConnectionIsCutOffOnTime() async throws {
        let setup = try Setup()
        let serve = try await setup.serve(["--request-header-timeout", "2"])
        defer { serve.terminate() }
        let connection = try RawConnection(port: serve.port)
        connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(!connection.closedByPeer(within: 1), "the first request is answered and the connection kept")
        connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
        #expect(!connection.closedByPeer(within: 1.5), "closed before the second request's own deadline")
        #expect(connection.closedByPeer(within: 4), "a second request never finished was not cut off")
    }

    /// A body sent a byte at a time used to hold a worker-pool admission for the whole request deadline, so a few
    /// such clients made every other request 503. Bodies are now read before admission, each within
    /// `--request-timeout` of its head: slow senders hold no worker and are cut off.
    @Test func slowBodiesHoldNoWorkerAndAreCutOff() async throws {
        let setup = try Setup()
        let serve = try await setup.serve(["--workers", "1", "--max-pending-requests", "2", "--request-timeout", "2"])
        defer { serve.terminate() }
        var slow: [RawConnection] = []
        for _ in 0..<8 {
            let connection = try RawConnection(port: serve.port)
            connection.send("POST /v1/attest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
            slow.append(connection)
        }
        try await Task.sleep(for: .milliseconds(300))
        let client = ServiceClient(baseURL: serve.baseURL)
        for _ in 0..<3 {
            // Admitted and answered by a worker (the body names no TEE), not refused for want of one (503).
            let answer = try await client.send(.POST, "/v1/attest", body: Array("{}".utf8))
            #expect(answer.status == 400, "an attestation while slow bodies arrive: \(answer.status) \(answer.json.compactText)")
        }
        let cutOff = slow.filter { $0.closedByPeer(within: 6) }.count
        #expect(cutOff == slow.count, "\(cutOff) of \(slow.count) slow bodies were cut off")
    }

    // MARK: 10. Database integrity

    /// Rewriting a resource-policy row with sqlite3 (no KEK) used to release the secret. The row's integrity tag no
    /// longer matches: it counts as absent (default deny), is logged and counted.
    @Test func aPolicyRewrittenInTheDatabaseReleasesNothing() async throws {
        let setup = try Setup()
        let serve = try await setup.serve()
        defer { serve.terminate() }
        let admin = ServiceClient(baseURL: serve.baseURL)
        #expect(try await admin.send(.PUT, "/v1/secrets/apps/db/key", body: Array("the secret".utf8), admin: true).status == 201)
        let deny = "package assay.release\ndefault allow := false\n"
        #expect(try await admin.send(.PUT, "/v1/resource-policies/apps/db", body: Array(deny.utf8), admin: true).status == 201)
        let allowAll = "package assay.release\nallow := true\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE resource_policies SET text=?\", (sys.argv[2],)); c.commit()",
            setup.database, allowAll,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let got = try AssayProcess.run(
            ["secret", "get", "apps/db/key", "--server", serve.baseURL, "--tee", "sample", "--workload", setup.tokenFile],
            in: setup.directory)
        #expect(got.status == 1 && got.stderr.contains("release-denied"), "\(got.stderr)")
        var request = HTTPClientRequest(url: serve.baseURL + "/metrics")
        request.method = .GET
        let text = String(buffer: try await HTTPClient.shared.execute(request, timeout: .seconds(10)).body.collect(upTo: 1 << 20))
        #expect(text.contains(#"assay_integrity_failures_total{table="resource_policies"}"#), "\(text.suffix(2000))")
        #expect(serve.output.contains("integrity tag does not match"))
    }

    // MARK: 12. Files and secrets

    /// The KEK a new service creates and the database are private; a database password never comes from a flag.
    @Test func keyAndDatabaseFilesArePrivateAndPasswordsStayOffTheCommandLine() async throws {
        let setup = try Setup()
        let serve = try await setup.serve()
        serve.terminate()
        let kek = setup.directory.appendingPathComponent("kek").path
        for path in [kek, setup.database, setup.database + "-wal"] where FileManager.default.fileExists(atPath: path) {
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(path) has mode \(String(mode ?? 0, radix: 8))")
        }

        try FileManager.default.createSymbolicLink(
            atPath: setup.directory.appendingPathComponent("planted").path, withDestinationPath: "/tmp/assay-stolen-\(UUID().uuidString)")
        let planted = try await Self.refusedStart(
            ["--database", "sqlite:" + setup.directory.appendingPathComponent("other.sqlite").path,
             "--kek-file", setup.directory.appendingPathComponent("planted").path], in: setup.directory)
        #expect(planted.contains("kek_file"), "a KEK is never written through a symbolic link: \(planted)")

        let password = try await Self.refusedStart(["--database", "postgres://assay:hunter2@db.example/assay"], in: setup.directory)
        #expect(password.contains("ASSAY_DATABASE_PASSWORD") && !password.contains("hunter2"), "\(password)")

        let exposed = try await Self.refusedStart(["--host", "0.0.0.0", "--admin-token-file", setup.tokenFile], in: setup.directory)
        #expect(exposed.contains("--allow-insecure-admin"), "\(exposed)")
    }
}
