import ArgumentParser
import AttestationCore
import Attester
import Crypto
import Foundation
import KeyBroker
import Tokens

/// `assay secret`: store secrets in an Assay service and, inside a TEE, get them released to the attested workload.
struct SecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Secure key release: store secrets, attach resource policies, and get secrets released inside a TEE.",
        discussion: """
            Operator side (admin token from --admin-token-file or ASSAY_ADMIN_TOKEN):
              assay secret put apps/db/disk-key --file key.bin --server URL
              assay secret policy apps/db --file release.rego --server URL
              assay secret list --server URL
              assay secret delete apps/db/disk-key --server URL

            Workload side, inside the TEE:
              assay secret get apps/db/disk-key --server URL --tee sample --workload ./app --out disk.key
              assay secret get apps/db/disk-key --server URL --tee tpm --tpm /dev/tpmrm0 --out disk.key

            Secrets are encrypted at rest under their own data keys, wrapped by the service's key-encryption key. \
            A secret is released only to a workload whose attestation satisfies the resource policy on the longest \
            matching path prefix (no policy: denied), sealed with HPKE to a key pair the workload creates for this \
            request and binds into its evidence.
            """,
        subcommands: [Put.self, List.self, Delete.self, Policy.self, Get.self]
    )

    /// `assay secret put`.
    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put", abstract: "Store (or replace) a secret; prints its metadata, never its value.")

        @Argument(help: ArgumentHelp("The secret's path, e.g. apps/db/disk-key.", valueName: "path"))
        var path: String

        @Option(help: ArgumentHelp("File holding the value (- for standard input).", valueName: "file"))
        var file: String

        @OptionGroup var connection: AdminConnectionOptions

        func run() async throws {
            let secretPath = try SecretPath(path)
            var value = try InputFiles.read(file, what: "secret value", limit: SecretEnvelope.maxValueBytes)
            defer { SecureWipe.wipe(&value) }
            print(try await connection.put("/v1/secrets/\(secretPath)", value, contentType: "application/octet-stream").prettyText)
        }
    }

    /// `assay secret list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List secrets (path, version, size, dates; never values).")

        @Option(help: ArgumentHelp("Only secrets at or under this path.", valueName: "prefix"))
        var prefix: String?

        @OptionGroup var connection: AdminConnectionOptions

        func run() async throws {
            let query = try prefix.map { "?prefix=\(try SecretPath($0))" } ?? ""
            let listed = try await connection.send(.GET, "/v1/secrets\(query)")
            for secret in listed["secrets"]?.arrayValue ?? [] {
                let version = secret["version"]?.integerValue ?? 0
                let size = secret["size"]?.integerValue ?? 0
                print("\(secret["path"]?.stringValue ?? "?")\tv\(version)\t\(size) bytes\t\(secret["updated_at"]?.stringValue ?? "")")
            }
        }
    }

    /// `assay secret delete`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a secret.")

        @Argument(help: ArgumentHelp("The secret's path.", valueName: "path"))
        var path: String

        @OptionGroup var connection: AdminConnectionOptions

        func run() async throws {
            _ = try await connection.send(.DELETE, "/v1/secrets/\(try SecretPath(path))")
            FileHandle.standardError.write(Data("deleted \(path)\n".utf8))
        }
    }

    /// `assay secret policy`.
    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Attach a Rego resource policy to a path prefix (it covers the prefix and every path under it).",
            discussion: """
                The policy's package is assay.release; a release needs data.assay.release.allow to be true \
                (undefined means no). Optional data.assay.release.reasons (a set of strings) explains refusals. \
                Input: path, tee, status, trust_vector, claims (the verified evidence claims), \
                appraisal_policy_id, tee_pubkey, token (the whole EAR claims set), request {client, time}.

                Require genuine hardware (trust_vector.hardware == 2: the Sample TEE and unendorsed TPM keys never \
                reach it), the appraisal policy you reviewed, and the measurement of the build you reviewed.

                Example (release to one measured build on AMD SEV-SNP):
                  package assay.release
                  default allow := false
                  allow if {
                      input.tee == "snp"
                      input.trust_vector.hardware == 2
                      input.appraisal_policy_id == "assay-default-v1"
                      input.claims.measurement == "3f2a…"
                  }

                A TPM: pin the TPMs you trust by their EK certificate (or AK names), not only their vendor:
                  allow if {
                      input.tee == "tpm"
                      input.trust_vector.hardware == 2
                      input.claims.ek_certificate.sha256 in {"9c1e…", "04d7…"}
                  }
                """)

        @Argument(help: ArgumentHelp("The path prefix, e.g. apps/db.", valueName: "prefix"))
        var prefix: String

        @Option(help: ArgumentHelp("The Rego policy file.", valueName: "file"))
        var file: String

        @OptionGroup var connection: AdminConnectionOptions

        func run() async throws {
            let text = try InputFiles.read(file, what: "resource policy", limit: 1024 * 1024)
            print(try await connection.put("/v1/resource-policies/\(try SecretPath(prefix))", text, contentType: "text/plain").prettyText)
        }
    }

    /// `assay secret get`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Inside a TEE: attest to the service and receive a secret sealed to a fresh key of this workload.",
            discussion: """
                Creates an ephemeral P-256 key pair, gets a nonce, produces evidence whose runtime data binds the \
                nonce and the public key (tee_pubkey), obtains a token addressed to the service, asks for the \
                release and opens the HPKE-sealed answer with the private key, which never leaves this process. \
                The value goes to standard output, or to --out (created with mode 0600; never overwritten). With \
                --tee tpm, a fresh attestation key is first enrolled with the service by credential activation (see \
                'assay attest --help'); the quote's extraData binds the runtime data.

                Exit status: 0 released; 1 evidence rejected or release refused (the cause on stderr); 2 otherwise.
                """)

        @Argument(help: ArgumentHelp("The secret's path.", valueName: "path"))
        var path: String

        @Option(help: ArgumentHelp("The Assay service.", valueName: "url"))
        var server: String

        @OptionGroup var attester: AttesterOptions

        @Option(help: ArgumentHelp("Write the secret to this new file (mode 0600) instead of standard output.", valueName: "file"))
        var out: String?

        func validate() throws { try attester.check(for: "assay secret get") }

        func run() async throws {
            let secretPath = try SecretPath(path)
            let key = P256.KeyAgreement.PrivateKey()
            let client = AssayClient(baseURL: server)
            let collector = attester.collector
            let (_, response) = try await collector.attest(
                to: client, members: ["tee_pubkey": TEEPublicKey(key: key.publicKey).jwk], audience: try await client.issuer())
            guard let token = response["token"]?.stringValue else {
                throw CLIError.invalidArgument("the service issued no token (status \(response["status"]?.stringValue ?? "?"))")
            }
            let released: JSONValue
            do { released = try await client.release(path: secretPath.text, token: token) } catch AttesterError.service(
                let status, let type, let detail) where status == 403 || status == 404 {
                FileHandle.standardError.write(Data("assay: release of \(secretPath) refused (\(type)): \(detail)\n".utf8))
                throw ExitStatus.rejected
            }
            var value = try SealedRelease(json: released).open(with: key)
            defer { SecureWipe.wipe(&value) }
            if let out {
                try InputFiles.writePrivate(value, to: out)
                FileHandle.standardError.write(Data("wrote \(value.count)-byte secret \(secretPath) to \(out) (mode 0600)\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data(value))
            }
        }
    }
}
