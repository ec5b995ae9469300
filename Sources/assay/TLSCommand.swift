import ArgumentParser

/// `assay tls`: attested TLS (ARCHITECTURE.md §7).
struct TLSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Attested TLS: certificates whose evidence binds their key, checked in the handshake.",
        discussion: """
            Inside a TEE, 'tls proxy' terminates TLS with a certificate it mints for a key it generates: the \
            certificate carries the TEE's evidence (id-pe-cmw, and TCG tagged evidence for TDX) bound to that key. \
            A relying party runs 'tls connect' to check a peer, 'tls forward' to give any plain client a verified \
            channel, or 'tls verify-cert' on a saved certificate (Assay's, Gramine's, Intel SGX SDK's, rats-tls's \
            or Evervault's Nitro certificates). Exit status: 0 verified, 1 refused, 2 unusable input.
            """,
        subcommands: [TLSVerifyCertCommand.self, TLSConnectCommand.self, TLSProxyCommand.self, TLSForwardCommand.self])
}
