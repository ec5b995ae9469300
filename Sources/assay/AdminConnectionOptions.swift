import ArgumentParser
import AttestationCore
import Attester
import NIOHTTP1
import Foundation

/// `--server` and the admin bearer token (`--admin-token-file` or `ASSAY_ADMIN_TOKEN`) for admin commands.
struct AdminConnectionOptions: ParsableArguments {
    /// Longest admin token file read.
    static let maxTokenBytes = 4096

    @Option(help: ArgumentHelp("The Assay service, e.g. http://127.0.0.1:8080.", valueName: "url"))
    var server: String

    @Option(
        name: .customLong("admin-token-file"),
        help: ArgumentHelp("File holding the admin bearer token (or set ASSAY_ADMIN_TOKEN).", valueName: "file"))
    var adminTokenFile: String?

    var client: AssayClient { AssayClient(baseURL: server) }

    /// An admin request without a body.
    func send(_ method: HTTPMethod, _ path: String) async throws -> JSONValue {
        try await client.send(method, path, body: nil, headers: try headers())
    }

    /// An admin `PUT` of raw bytes (a secret value, a policy text).
    func put(_ path: String, _ bytes: [UInt8], contentType: String) async throws -> JSONValue {
        try await client.send(.PUT, path, bytes: bytes, contentType: contentType, headers: try headers())
    }

    /// The `Authorization` header of an admin request.
    func headers() throws -> [(String, String)] { try Self.headers(tokenFile: adminTokenFile) }

    /// The `Authorization` header with the token from `tokenFile`, else `ASSAY_ADMIN_TOKEN`.
    static func headers(tokenFile: String?) throws -> [(String, String)] {
        let token: String
        if let tokenFile {
            let bytes = try InputFiles.read(tokenFile, what: "admin token file", limit: Self.maxTokenBytes)
            token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let value = ProcessInfo.processInfo.environment["ASSAY_ADMIN_TOKEN"] {
            token = value.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            throw CLIError.invalidArgument("give --admin-token-file FILE or set ASSAY_ADMIN_TOKEN (the token assay serve was started with)")
        }
        guard !token.isEmpty else { throw CLIError.invalidArgument("the admin token is empty") }
        return [("Authorization", "Bearer \(token)")]
    }
}
