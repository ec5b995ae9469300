import ArgumentParser
import AttestationCore
import AttestedTLS
import Crypto
import Attester
import Foundation
import NIOCore
import NIOPosix

/// `assay tls proxy`: inside the TEE, attested TLS in front of a plaintext local service.
struct TLSProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Inside a TEE: terminate attested TLS in front of a plaintext local service.",
        discussion: """
            Generates a TLS key in memory (it is never written), collects this TEE's evidence bound to the key \
            (and, for TDX, TCG tagged evidence), and serves a self-signed certificate carrying it on --listen; \
            each connection is relayed in plaintext to --upstream. The certificate is re-minted with fresh \
            evidence at three quarters of --lifetime.

            --fresh: a client that sends a nonce in SNI (<32 hex digits>.attest.invalid; 'assay tls connect \
            --fresh' does) gets a certificate minted for that nonce, so a recorded certificate cannot be replayed. \
            At most 4 are minted at once.
            --mutual: each client must present its own attested certificate ('assay tls connect --tee …'), whose \
            evidence carries the nonce it sent and names this proxy's key, judged with the client verification \
            options (--enable-tee, --policy, --reference-values, …); implies --fresh, TLS 1.3 only.
            --server URL (passport mode): the workload first attests to that Assay service with the certificate's \
            key as tee_pubkey; the certificate also carries the EAR token, so a client needs only the service's \
            JWKS ('assay tls connect --server URL'). The token is renewed before it expires.

            Examples:
              assay tls proxy --listen 0.0.0.0:8443 --upstream 127.0.0.1:8080 --tee snp
              assay tls proxy --listen 0.0.0.0:8443 --upstream 127.0.0.1:8080 --tee sample --workload ./app --fresh
              assay tls proxy --listen 0.0.0.0:8443 --upstream 127.0.0.1:8080 --tee tdx --server https://verifier:8443
            """)

    @Option(help: ArgumentHelp("Where to accept attested TLS (port 0: any free port, printed).", valueName: "host:port"))
    var listen: String

    @Option(help: ArgumentHelp("The plaintext service to relay to.", valueName: "host:port"))
    var upstream: String

    @OptionGroup var attester: AttesterOptions

    @OptionGroup var certificate: AttestedCertificateOptions

    @Flag(help: "Mutual attestation: require each client's attested certificate (see 'assay tls connect --tee'), judged with the options below.")
    var mutual = false

    @OptionGroup(title: "Client verification (with --mutual)")
    var clientVerification: PeerVerificationOptions

    func validate() throws {
        try attester.check(for: "assay tls proxy")
        _ = try Endpoint(parsing: listen)
        _ = try Endpoint(parsing: upstream)
    }

    func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let store = try certificate.store(attester: attester)
        let context = try await AttestedTLSServerContext.make(
            store: store, fresh: certificate.fresh || mutual, requireClientCertificate: mutual)
        let issued = try await store.certificate()
        let gate = try mutual
            ? ClientAttestationGate(
                verifier: AttestedPeerVerifier(policy: clientVerification.policy()), serverSPKI: issued.key.spki,
                onJudgement: { FileHandle.standardError.write(Data("assay: client: \($0.summary)\n".utf8)) })
            : nil
        let proxy = AttestedTLSProxy(
            listen: try Endpoint(parsing: listen), upstream: try Endpoint(parsing: upstream), context: context, clientGate: gate)
        let channel = try await proxy.bind(group: group)
        Listening.announce(
            channel, what: "attested TLS (\(attester.tee) evidence, certificate key sha256 "
                + "\(Hex.encode(SHA256.hash(data: issued.key.spki))), \(mutual ? "mutual mode" : certificate.fresh ? "fresh mode" : "static certificate")) → \(upstream)")
        try await channel.closeFuture.get()
    }
}
