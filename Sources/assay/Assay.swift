import ArgumentParser
import Foundation

/// The `assay` command: remote-attestation verifier, key broker and attested-channel toolkit.
@main
struct Assay: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Verify confidential-computing evidence, appraise it and issue signed attestation results.",
        discussion: """
            Assay checks evidence from trusted execution environments (AMD SEV-SNP, Intel TDX/SGX, TPM 2.0, and the \
            Sample TEE for development) against the manufacturer's pinned roots and your reference values, and \
            issues an EAR attestation result (a JWT) that any JWT library can verify with the published JWKS.

            Exit status: 0 = evidence valid, 1 = evidence rejected (a verdict), 2 = unusable input (malformed \
            evidence, missing collateral, bad arguments; the cause is printed on stderr).
            """,
        version: version,
        subcommands: [
            AttestCommand.self, VerifyCommand.self, InspectCommand.self, TokenCommand.self, KeysCommand.self,
            PolicyCommand.self, ServeCommand.self, SecretCommand.self, KEKCommand.self, CollateralCommand.self,
            LoadTestCommand.self, BenchCommand.self, TLSCommand.self, MeasureCommand.self, ReferenceValuesCommand.self,
        ]
    )

    /// Runs the command line with Assay's exit-status contract (0 valid, 1 rejected, 2 unusable input).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            } else {
                FileHandle.standardError.write(Data("assay: error: \(String(describing: error))\n".utf8))
            }
            Foundation.exit(ExitStatus.unusableInput.rawValue)
        }
    }
}

/// Assay's exit statuses.
enum ExitStatus {
    static let valid = ExitCode(0)
    static let rejected = ExitCode(1)
    static let unusableInput = ExitCode(2)
}
