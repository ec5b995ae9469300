import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay reference-values import --server`: imported values go into a running service through the admin API.
@Suite(.serialized) struct ReferenceValuesImportProcessTests {
    @Test func importedReferenceValuesAreAddedToTheService() async throws {
        let directory = try AssayProcess.scratch()
        let serve = try ServeProcess(
            arguments: ["--database", "sqlite:" + directory.appendingPathComponent("assay.sqlite").path, "--kek-file",
                        directory.appendingPathComponent("kek").path],
            environment: ["ASSAY_ADMIN_TOKEN": ServiceClient.adminToken], directory: directory)
        try await serve.waitUntilHealthy()
        let mrtd = String(repeating: "ab", count: 48), rtmr0 = String(repeating: "cd", count: 48)
        try Data("{\"tee\": \"tdx\", \"mr_td\": \"\(mrtd)\", \"rtmr0\": \"\(rtmr0)\"}".utf8).write(to: directory.appendingPathComponent("m.json"))
        let added = try AssayProcess.run(
            ["reference-values", "import", "--measurement-json", "m.json", "--server", serve.baseURL, "--admin-token-file",
             ServiceClient.adminTokenFile(in: directory), "--out", "rv.json"], in: directory)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("added 2 reference values"), "\(added.stderr)")
        let listed = try await ServiceClient(baseURL: serve.baseURL).send(.GET, "/v1/reference-values", admin: true)
        let entries = listed.json["reference_values"]?.arrayValue ?? []
        #expect(entries.count == 2, "\(listed.json)")
        #expect(Set(entries.compactMap { $0["claim"]?.stringValue }) == ["mr_td", "rtmr0"])
    }
}
