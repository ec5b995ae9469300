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

    @OptionGroup(title: "Mutual attestation (with --tee: this side's TEE presents its own attested certificate)")
    var identity: AttesterOptions

    func check(_ verification: PeerVerificationOptions, command: String) throws {
        if passportServer != nil, verification.jwks != nil { throw ValidationError("give either --server or --jwks, not both") }
        if identity.givenTEE != nil { try identity.check(for: command + " --tee") }
    }

    /// The client, its JWKS fetched from --server when given, with its own attested certificates when --tee is given.
    func client(_ verification: PeerVerificationOptions) async throws -> AttestedTLSClient {
        var jwks: JWKS?
        if let passportServer { jwks = try JWKS(json: try await AssayClient(baseURL: passportServer).jwks()) }
        let issuer = try identity.givenTEE.map { _ in
            AttestedCertificateIssuer(
                key: .generate(.p256),
                source: CollectorEvidenceSource(collector: identity.collector, session: identity.tee == .tpm ? try TPMSession(identity.tpm) : nil))
        }
        return try AttestedTLSClient(
            verifier: AttestedPeerVerifier(policy: try verification.policy(jwks: jwks)), fresh: fresh, identity: issuer)
    }
}
