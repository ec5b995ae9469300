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
        let der = try Self.certificateDER(try InputFiles.read(cert, what: "certificate", limit: 1024 * 1024), path: cert)
        let verifier = AttestedPeerVerifier(policy: try verification.policy())
        let attestation: PeerAttestation
        do {
            attestation = try await verifier.judge(certificateDER: der)
        } catch AttestedTLSError.malformedCertificate(let reason) {
            throw CLIError.unreadable(
                path: cert, what: "certificate", reason: "not an X.509 certificate, PEM or DER (\(reason))")
        }
        switch format {
        case .json: print(attestation.json.prettyText)
        case .text: print(PeerAttestationText.render(attestation))
        }
        if !attestation.accepted { throw ExitStatus.rejected }
    }

    /// The DER bytes of the file's certificate. A file that starts as DER (a SEQUENCE with a long-form length, which
    /// no text starts with) is DER even when it contains PEM text: a DCAP quote's certification data holds the PCK
    /// chain as PEM, and reading that as the file's PEM would judge the PCK certificate instead.
    static func certificateDER(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        if bytes.count >= 2, bytes[0] == 0x30, bytes[1] & 0x80 != 0 { return bytes }
        guard PEM.isPEM(bytes) else { return bytes }
        guard let first = try PEM.certificates(in: bytes).first else {
            throw CLIError.unreadable(path: path, what: "certificate", reason: "the PEM text has no CERTIFICATE block")
        }
        return first
    }
}
