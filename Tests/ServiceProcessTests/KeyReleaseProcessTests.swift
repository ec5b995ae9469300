import AssayTestSupport
import AttestationCore
import Foundation
import SampleTEE
import Testing

/// The secure-key-release walkthrough of the README, with the real binaries: an operator stores a secret and a
/// policy, a workload gets it with `assay secret get`; and the key-encryption key guards start-up and rotation.
@Suite(.serialized) struct KeyReleaseProcessTests {
    struct Setup {
        let directory: URL
        let tokenFile: String
        let kekFile: String
        let database: String

        init() throws {
            directory = try AssayProcess.scratch()
            tokenFile = ServiceClient.adminTokenFile(in: directory)
            kekFile = directory.appendingPathComponent("kek").path
            let generated = try AssayProcess.run(["kek", "generate", "--out", kekFile], in: directory)
            #expect(generated.status == 0, "\(generated.stderr)")
            database = "sqlite:" + directory.appendingPathComponent("assay.sqlite").path
        }

        func serve(kekFile: String? = nil) throws -> ServeProcess {
            try ServeProcess(
                arguments: ["--database", database, "--kek-file", kekFile ?? self.kekFile],
                environment: ["ASSAY_ADMIN_TOKEN": ServiceClient.adminToken], directory: directory)
        }

        func assay(_ arguments: [String]) throws -> AssayProcess.Result {
            try AssayProcess.run(arguments, in: directory)
        }

        /// Writes a workload file and returns its path and Sample TEE measurement (hex).
        func workload(_ name: String, code: String) throws -> (path: String, measurement: String) {
            let url = directory.appendingPathComponent(name)
            try Data(code.utf8).write(to: url)
            return (url.path, Hex.encode(try WorkloadMeasurement.measure(path: url)))
        }

        /// Stores `value` at apps/db/disk-key and a policy releasing apps/db to `measurement`.
        func provision(server: String, value: [UInt8], measurement: String) throws {
            let valueFile = directory.appendingPathComponent("value.bin").path
            try Data(value).write(to: URL(fileURLWithPath: valueFile))
            let put = try assay(["secret", "put", "apps/db/disk-key", "--file", valueFile, "--server", server,
                                 "--admin-token-file", tokenFile])
            #expect(put.status == 0, "\(put.stderr)")
            #expect(!put.stdout.contains(String(decoding: value, as: UTF8.self)))
            let policyFile = directory.appendingPathComponent("release.rego").path
            try """
                package assay.release
                default allow := false
                allow if {
                    input.tee == "sample"
                    input.claims.measurement == "\(measurement)"
                }
                """.write(toFile: policyFile, atomically: true, encoding: .utf8)
            let attached = try assay(["secret", "policy", "apps/db", "--file", policyFile, "--server", server,
                                      "--admin-token-file", tokenFile])
            #expect(attached.status == 0, "\(attached.stderr)")
        }
    }

    @Test func aWorkloadGetsItsSecretWithTheCLIAndAnotherIsRefused() async throws {
        let setup = try Setup()
        let serve = try setup.serve()
        try await serve.waitUntilHealthy()
        defer { _ = serve.terminate() }
        let app = try setup.workload("app", code: "the reviewed build")
        let value = Array("disk-encryption-key-\(UUID().uuidString)".utf8)
        try setup.provision(server: serve.baseURL, value: value, measurement: app.measurement)

        let out = setup.directory.appendingPathComponent("disk.key").path
        let got = try setup.assay(["secret", "get", "apps/db/disk-key", "--server", serve.baseURL, "--tee", "sample",
                                   "--workload", app.path, "--out", out])
        #expect(got.status == 0, "\(got.stderr)")
        #expect(FileManager.default.contents(atPath: out).map(Array.init) == value)
        let mode = (try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let again = try setup.assay(["secret", "get", "apps/db/disk-key", "--server", serve.baseURL, "--tee", "sample",
                                     "--workload", app.path, "--out", out])
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        let stdout = try setup.assay(["secret", "get", "apps/db/disk-key", "--server", serve.baseURL, "--tee", "sample",
                                      "--workload", app.path])
        #expect(stdout.status == 0 && Array(stdout.stdout.utf8) == value)

        let rogue = try setup.workload("rogue", code: "a modified build")
        let refused = try setup.assay(["secret", "get", "apps/db/disk-key", "--server", serve.baseURL, "--tee", "sample",
                                       "--workload", rogue.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("release-denied") && refused.stderr.contains("data.assay.release.allow"))
        #expect(refused.stdout.isEmpty)

        let listed = try setup.assay(["secret", "list", "--server", serve.baseURL, "--admin-token-file", setup.tokenFile])
        #expect(listed.status == 0 && listed.stdout.contains("apps/db/disk-key"))
        #expect(!listed.stdout.contains(String(decoding: value, as: UTF8.self)))
        let deleted = try setup.assay(["secret", "delete", "apps/db/disk-key", "--server", serve.baseURL,
                                       "--admin-token-file", setup.tokenFile])
        #expect(deleted.status == 0)
        let gone = try setup.assay(["secret", "get", "apps/db/disk-key", "--server", serve.baseURL, "--tee", "sample",
                                    "--workload", app.path])
        #expect(gone.status == 1 && gone.stderr.contains("not-found"))
    }

    @Test func aWrongKEKStopsStartUpAndARotationKeepsEverySecret() async throws {
        let setup = try Setup()
        let app = try setup.workload("app", code: "the reviewed build")
        let value = Array("sealed-with-the-first-kek".utf8)
        let first = try setup.serve()
        try await first.waitUntilHealthy()
        try setup.provision(server: first.baseURL, value: value, measurement: app.measurement)
        _ = first.terminate()
        let databaseFile = String(setup.database.dropFirst("sqlite:".count))
        let before = FileManager.default.contents(atPath: databaseFile)

        let wrongKEK = setup.directory.appendingPathComponent("wrong.kek").path
        _ = try setup.assay(["kek", "generate", "--out", wrongKEK])
        let wrong = try setup.serve(kekFile: wrongKEK)
        do {
            try await wrong.waitUntilHealthy(timeout: .seconds(30))
            Issue.record("assay serve started with a key-encryption key that opens nothing in the database")
            _ = wrong.terminate()
        } catch ServeProcessError.exited(let status, let log) {
            #expect(status != 0)
            #expect(log.contains("key-encryption key"), "\(log)")
        }
        #expect(FileManager.default.contents(atPath: databaseFile) == before, "a failed start must not change the database")

        let newKEK = setup.directory.appendingPathComponent("new.kek").path
        _ = try setup.assay(["kek", "generate", "--out", newKEK])
        let refusedRotation = try setup.assay(["kek", "rotate", "--database", setup.database, "--kek-file", wrongKEK,
                                               "--new-kek-file", newKEK])
        #expect(refusedRotation.status == 2, "\(refusedRotation.stdout)")
        let rotated = try setup.assay(["kek", "rotate", "--database", setup.database, "--kek-file", setup.kekFile,
                                       "--new-kek-file", newKEK])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stdout.contains("1 secret data keys"))

        let restarted = try setup.serve(kekFile: newKEK)
        try await restarted.waitUntilHealthy()
        defer { _ = restarted.terminate() }
        let got = try setup.assay(["secret", "get", "apps/db/disk-key", "--server", restarted.baseURL, "--tee", "sample",
                                   "--workload", app.path])
        #expect(got.status == 0, "\(got.stderr)")
        #expect(Array(got.stdout.utf8) == value)
    }
}
