import ArgumentParser
import AttestationCore
import AttestedTLS
import Attester
import Foundation
import NIOCore
import NIOPosix
import Tokens

/// `assay tls connect`: handshake with an attested TLS server, judge it and print the result.
struct TLSConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Handshake with an attested TLS server, verify and appraise its evidence, print the result.",
        discussion: """
            The server's certificate must carry evidence (see 'assay tls --help') that verifies, that names the \
            certificate's key, and whose appraisal is at least --accept-status; otherwise the handshake is aborted \
            and the reasons are printed. --fresh sends a random nonce in SNI and requires it in the certificate. \
            --server URL (or --jwks FILE) accepts a passport: an EAR token from that service naming the key. \
            --tee T (with its options, as 'assay attest'): mutual attestation for a server in mutual mode \
            ('assay tls proxy --mutual'): this side presents a certificate minted for the nonce and the server's \
            key; exit 1 when the server closes the connection after the handshake (it refused this client).

            Examples:
              assay tls connect 10.0.0.5:8443 --reference-values rv.json
              assay tls connect 127.0.0.1:8443 --enable-tee sample --fresh --format json
              assay tls connect 10.0.0.5:8443 --server https://verifier:8443
            """)

    @Argument(help: ArgumentHelp("The server.", valueName: "host:port"))
    var peer: String

    @OptionGroup var verification: PeerVerificationOptions

    @OptionGroup var client: AttestedClientOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        _ = try Endpoint(parsing: peer)
        try client.check(verification, command: "assay tls connect")
    }

    func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let tls = try await client.client(verification)
        let connection = try await tls.connect(to: try Endpoint(parsing: peer), group: group)
        // In TLS 1.3 the server judges a client certificate after the client finished: a server that refuses this
        // client (or requires a certificate it did not get) closes the connection right after the handshake.
        var closedByServer = false
        if let channel = connection.channel {
            try? await Task.sleep(for: .milliseconds(300))
            closedByServer = !channel.isActive
            try? await channel.close()
        }
        switch format {
        case .json: print(connection.attestation.json.prettyText)
        case .text: print(PeerAttestationText.render(connection.attestation))
        }
        try? await group.shutdownGracefully()
        if closedByServer {
            FileHandle.standardError.write(
                Data("assay: \(peer) closed the connection after the handshake: it refused this client (a server in mutual mode wants an attested client certificate: --tee …)\n".utf8))
            throw ExitStatus.rejected
        }
        if !connection.attestation.accepted { throw ExitStatus.rejected }
    }
}
