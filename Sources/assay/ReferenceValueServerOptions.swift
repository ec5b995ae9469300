import Appraisal
import ArgumentParser
import AttestationCore
import Attester
import Foundation

/// `--server URL` and `--admin-token-file`: where commands that produce reference values (`assay measure`,
/// `assay reference-values import`) also add them, through the admin API.
struct ReferenceValueServerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Also add the reference values to this Assay service (POST /v1/reference-values, with the admin token).",
            valueName: "url"))
    var server: String?

    @Option(
        name: .customLong("admin-token-file"),
        help: ArgumentHelp("With --server: the file holding the admin bearer token (or set ASSAY_ADMIN_TOKEN).", valueName: "file"))
    var adminTokenFile: String?

    func validate() throws {
        if server == nil, adminTokenFile != nil { throw ValidationError("--admin-token-file goes with --server") }
    }

    /// Posts `set` to `--server` (when given) and says on stderr what was added, naming it `what`.
    func post(_ set: ReferenceValueSet, what: String) async throws {
        guard let server else { return }
        let answer = try await AssayClient(baseURL: server).send(
            .POST, "/v1/reference-values", body: set.json, headers: try AdminConnectionOptions.headers(tokenFile: adminTokenFile))
        let ids = answer["reference_values"]?.arrayValue?.compactMap { $0["id"]?.stringValue ?? $0["id"]?.integerValue.map(String.init) } ?? []
        FileHandle.standardError.write(Data("added \(what) to \(server) (id \(ids.joined(separator: ", ")))\n".utf8))
    }
}
