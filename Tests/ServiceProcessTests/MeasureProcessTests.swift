import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay measure snp --server`: the measured digest goes into a running service's reference values through the
/// admin API, and only with the admin token.
@Suite(.serialized, .sharedVectors) struct MeasureProcessTests {
    @Test func measuredReferenceValuesAreAddedToTheService() async throws {
        try SharedVectors.require()
        let directory = try AssayProcess.scratch()
        let serve = try ServeProcess(
            arguments: ["--database", "sqlite:" + directory.appendingPathComponent("assay.sqlite").path, "--kek-file",
                        directory.appendingPathComponent("kek").path],
            environment: ["ASSAY_ADMIN_TOKEN": ServiceClient.adminToken], directory: directory)
        try await serve.waitUntilHealthy()
        let measure = [
            "measure", "snp", "--ovmf", SharedVectors.root.appendingPathComponent("measure/ovmf_OvmfX64_suffix.bin").path,
            "--vcpus", "2", "--vcpu-type", "EPYC-Genoa", "--server", serve.baseURL,
        ]
        let refused = try AssayProcess.run(measure, in: directory, environment: ["ASSAY_ADMIN_TOKEN": "not-the-token-0123456789"])
        #expect(refused.status != 0, "a wrong admin token must not add reference values: \(refused.stderr)")

        let added = try AssayProcess.run(
            measure + ["--admin-token-file", ServiceClient.adminTokenFile(in: directory)], in: directory)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("added the snp measurement reference value"), "\(added.stderr)")
        let digest = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        let listed = try await ServiceClient(baseURL: serve.baseURL).send(.GET, "/v1/reference-values", admin: true)
        let entries = listed.json["reference_values"]?.arrayValue ?? []
        #expect(entries.count == 1, "\(listed.json)")
        #expect(entries.first?.compactText.contains(digest) == true, "\(listed.json)")
        #expect(entries.first?["provenance"]?.stringValue?.hasPrefix("assay measure snp") == true)
    }
}
