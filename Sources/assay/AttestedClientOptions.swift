import ArgumentParser
import AttestationCore
import AttestedTLS
import Attester
import Tokens

/// How `assay tls connect` and `forward` connect: fresh mode, and where a passport's JWKS comes from.
struct AttestedClientOptions: ParsableArguments {
    @Flag(help: "Send a random nonce in SNI and require the server's certificate to carry it (no replayed certificates).")
    var fresh = false

    @Option(
        name: .customLong("server"),
        help: ArgumentHelp("Passport mode: accept EAR tokens signed by this Assay service (its JWKS is fetched once).", valueName: "url"))
    var passportServer: String?

    func check(_ verification: PeerVerificationOptions) throws {
        if passportServer != nil, verification.jwks != nil { throw ValidationError("give either --server or --jwks, not both") }
    }

    /// The client, its JWKS fetched from --server when given.
    func client(_ verification: PeerVerificationOptions) async throws -> AttestedTLSClient {
        var jwks: JWKS?
        if let passportServer { jwks = try JWKS(json: try await AssayClient(baseURL: passportServer).jwks()) }
        return try AttestedTLSClient(verifier: AttestedPeerVerifier(policy: try verification.policy(jwks: jwks)), fresh: fresh)
    }
}
