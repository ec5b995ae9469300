import ArgumentParser
import AttestationCore
import AttestedTLS
import Foundation
import NIOCore
import NIOPosix

/// `assay tls forward`: a local plaintext listener that forwards only to a verified attested TLS peer.
struct TLSForwardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward",
        abstract: "Forward local plaintext connections over attested TLS, only to a peer that verifies.",
        discussion: """
            Each connection to --listen opens attested TLS to --connect and is judged as 'assay tls connect' \
            judges (repeat handshakes reuse the verdict for a minute); a refused peer gets no bytes and the local \
            connection is closed. Every judgement is logged on standard error. Listen on loopback: the local leg \
            is plaintext.

            Example:
              assay tls forward --listen 127.0.0.1:9000 --connect 10.0.0.5:8443 --reference-values rv.json
              curl http://127.0.0.1:9000/
            """)

    @Option(help: ArgumentHelp("Where to accept plaintext (port 0: any free port, printed).", valueName: "host:port"))
    var listen: String

    @Option(name: .customLong("connect"), help: ArgumentHelp("The attested TLS peer.", valueName: "host:port"))
    var peer: String

    @OptionGroup var verification: PeerVerificationOptions

    @OptionGroup var client: AttestedClientOptions

    func validate() throws {
        _ = try Endpoint(parsing: listen)
        _ = try Endpoint(parsing: peer)
        try client.check(verification, command: "assay tls forward")
    }

    func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let forwarder = AttestedTLSForwarder(
            listen: try Endpoint(parsing: listen), peer: try Endpoint(parsing: peer), client: try await client.client(verification),
            onJudgement: { attestation in FileHandle.standardError.write(Data("assay: \(peer): \(attestation.summary)\n".utf8)) },
            onFailure: { error in FileHandle.standardError.write(Data("assay: \(peer): \(error)\n".utf8)) })
        let channel = try await forwarder.bind(group: group)
        Listening.announce(channel, what: "forwarding to attested \(peer)")
        try await channel.closeFuture.get()
    }
}
