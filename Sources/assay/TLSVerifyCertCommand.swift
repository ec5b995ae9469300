import ArgumentParser
import AttestationCore
import AttestedTLS
import Foundation

/// `assay tls verify-cert`: judge a saved attested certificate offline.
struct TLSVerifyCertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-cert",
        abstract: "Verify the evidence in an attested TLS certificate and that it binds the certificate's key.",
        discussion: """
            Reads the evidence from the first of: id-pe-cmw (Assay), TCG tagged evidence 2.23.133.5.4.9 (Gramine, \
            Intel SGX SDK, rats-tls), a Nitro attestation document in a subjectAltName (Evervault), Gramine's \
            legacy quote extension, Intel SGX SDK's legacy quote extension; checks that it names this certificate's \
            key; verifies and appraises it as 'assay verify' does.

            Examples:
              assay tls verify-cert --cert gramine.pem --partial-collateral --as-of 2025-01-01T00:00:00Z
              assay tls verify-cert --cert peer.pem --enable-tee sample --format json
            """)

    @Option(help: ArgumentHelp("The certificate, PEM (the first block) or DER.", valueName: "file"))
    var cert: String

    @OptionGroup var verification: PeerVerificationOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let bytes = try InputFiles.read(cert, what: "certificate", limit: 1024 * 1024)
        let der = try PEM.isPEM(bytes) ? (PEM.certificates(in: bytes).first ?? []) : bytes
        let verifier = AttestedPeerVerifier(policy: try verification.policy())
        let attestation = try await verifier.judge(certificateDER: der)
        switch format {
        case .json: print(attestation.json.prettyText)
        case .text: print(PeerAttestationText.render(attestation))
        }
        if !attestation.accepted { throw ExitStatus.rejected }
    }
}
