import ArgumentParser
import AttestationCore
import Tokens

/// `assay keys`: manage the ES256 keys that sign attestation results.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the ES256 keys that sign attestation results.",
        subcommands: [Generate.self, JWKSExport.self]
    )

    /// `assay keys generate`.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Create a new P-256 signing key in a PEM file readable only by you (mode 0600).",
            discussion: "Prints the key's kid (its RFC 7638 thumbprint). Refuses to overwrite an existing file."
        )

        @Option(help: ArgumentHelp("Where to write the private key.", valueName: "file"))
        var out: String

        func run() async throws {
            let key = TokenSigningKey()
            try key.write(to: out)
            print(key.kid)
        }
    }

    /// `assay keys jwks`.
    struct JWKSExport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "jwks",
            abstract: "Print the JWKS (public keys only) for signing keys, for relying parties to verify tokens."
        )

        @Option(name: .customLong("key"), help: ArgumentHelp("A signing key file. Repeatable.", valueName: "file"))
        var keys: [String]

        func validate() throws {
            if keys.isEmpty { throw ValidationError("give at least one --key") }
        }

        func run() async throws {
            let jwks = JWKS(keys: try keys.map { try TokenSigningKey(contentsOf: $0).jwk })
            print(jwks.json.prettyText)
        }
    }
}
