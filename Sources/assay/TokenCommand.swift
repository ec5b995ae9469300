import ArgumentParser
import AttestationCore
import Foundation
import Tokens

/// `assay token`: work with attestation result tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Work with attestation result (EAR) tokens.",
        subcommands: [Verify.self]
    )

    /// `assay token verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a token's signature and lifetime against a JWKS and print its claims.",
            discussion: """
                Exit status: 0 valid, 1 invalid (bad signature, unknown key, expired, wrong audience), 2 unusable \
                input. Example:
                  assay keys jwks --key key.pem > jwks.json
                  assay token verify "$TOKEN" --jwks jwks.json
                """
        )

        @Argument(help: ArgumentHelp("The token, @FILE to read it from a file, or - for standard input.", valueName: "token"))
        var token: String

        @Option(help: ArgumentHelp("The JWKS document to verify against.", valueName: "file"))
        var jwks: String

        @Option(help: "Require this issuer (iss).")
        var issuer: String?

        @Option(help: "Require this audience (aud).")
        var audience: String?

        @Option(
            name: .customLong("at"),
            help: ArgumentHelp("Check expiry as of this RFC 3339 instant instead of now.", valueName: "time"))
        var at: String?

        func run() async throws {
            let text: String
            if token == "-" || token.hasPrefix("@") {
                let path = token == "-" ? "-" : String(token.dropFirst())
                text = String(decoding: try InputFiles.read(path, what: "token", limit: JWS.maxTokenLength), as: UTF8.self)
            } else {
                text = token
            }
            let keys = try JWKS(
                json: try JSONValue(parsing: try InputFiles.read(jwks, what: "JWKS", limit: 1024 * 1024)))
            var clock: any TimeSource = SystemTimeSource()
            if let at {
                guard let instant = RFC3339.parse(at) else {
                    throw CLIError.invalidArgument("--at must be an RFC 3339 timestamp, got '\(at)'")
                }
                clock = FixedTimeSource(instant)
            }
            let verifier = TokenVerifier(jwks: keys, clock: clock, issuer: issuer, audience: audience)
            do {
                let claims = try verifier.verify(text.trimmingCharacters(in: .whitespacesAndNewlines))
                print(claims.prettyText)
            } catch let error as TokenError {
                if case .malformedToken = error { throw error }
                FileHandle.standardError.write(Data("assay: token rejected: \(error)\n".utf8))
                throw ExitStatus.rejected
            }
        }
    }
}
