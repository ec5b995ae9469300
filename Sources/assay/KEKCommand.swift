import ArgumentParser
import Foundation
import KeyBroker
import Logging
import Server
import Storage
import Tokens

/// `assay kek`: manage the key-encryption key that seals signing keys and secret data keys at rest.
struct KEKCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kek",
        abstract: "Manage the key-encryption key (KEK) that seals signing keys and secret data keys at rest.",
        subcommands: [Generate.self, Rotate.self]
    )

    /// `assay kek generate`.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate", abstract: "Write a new random KEK to a new file readable only by you (mode 0600).")

        @Option(help: ArgumentHelp("Where to write it (must not exist).", valueName: "file"))
        var out: String

        func run() async throws {
            let key = KeyEncryptionKey.generate()
            try InputFiles.writePrivate(Array(key.fileContents.utf8), to: out)
            print(key.identifier)
        }
    }

    /// `assay kek rotate`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Re-wrap every sealed value (signing keys, secret data keys, plug-ins' values) under a new KEK and re-tag every protected row, in one transaction.",
            discussion: """
                Secret values are not decrypted or rewritten: only their data keys are re-wrapped. The integrity \
                tags of policies, reference values, secrets and plug-in rows are made again with the new KEK. \
                Everything is opened with the old KEK first; if anything does not open, nothing changes. Stop the \
                assay serve replicas first (they hold the old KEK), then start them with the new one.

                A PostgreSQL password comes from ASSAY_DATABASE_PASSWORD or --database-password-file, never from \
                --database.

                Example:
                  assay kek generate --out new.kek
                  assay kek rotate --database sqlite:assay.sqlite --kek-file old.kek --new-kek-file new.kek
                """)

        @Option(help: ArgumentHelp("The database: sqlite:PATH or postgres://USER@HOST:PORT/DB.", valueName: "url"))
        var database: String

        @Option(
            name: .customLong("database-password-file"),
            help: ArgumentHelp("File holding the PostgreSQL password (or set ASSAY_DATABASE_PASSWORD).", valueName: "file"))
        var databasePasswordFile: String?

        @Option(name: .customLong("kek-file"), help: ArgumentHelp("The current KEK.", valueName: "file"))
        var kekFile: String

        @Option(name: .customLong("new-kek-file"), help: ArgumentHelp("The new KEK (assay kek generate).", valueName: "file"))
        var newKEKFile: String

        func run() async throws {
            let old = try Self.load(kekFile)
            let new = try Self.load(newKEKFile)
            guard old.identifier != new.identifier else {
                throw CLIError.invalidArgument("--kek-file and --new-kek-file hold the same key")
            }
            var logger = Logger(label: "assay.kek")
            logger.logLevel = .warning
            var flags = ["database": [database]]
            if let databasePasswordFile { flags["database_password_file"] = [databasePasswordFile] }
            let location = try ServerConfiguration.resolve(
                flags: flags, environment: ProcessInfo.processInfo.environment.filter { $0.key == "ASSAY_DATABASE_PASSWORD" },
                file: nil
            ).database
            let store = try await Store.open(location, logger: logger)
            let counts = try await store.withRunning { store in
                try await store.migrate(plugins: Registry.plugins.map(\.schema))
                return try await KEKRotation.rotate(
                    store: store.core, participants: Registry.plugins.map { $0.rotationParticipant(store: store) }, from: old,
                    to: new)
            }
            print(
                "re-wrapped and re-tagged from KEK \(old.identifier) to \(new.identifier): "
                    + counts.map { "\($0.count) \($0.what)" }.joined(separator: ", "))
            FileHandle.standardError.write(Data("start assay serve with --kek-file \(newKEKFile) (or ASSAY_KEK) from now on\n".utf8))
        }

        static func load(_ path: String) throws -> KeyEncryptionKey {
            let bytes = try InputFiles.read(path, what: "key-encryption key", limit: 4096)
            do { return try KeyEncryptionKey(fileContents: String(decoding: bytes, as: UTF8.self)) } catch {
                throw CLIError.invalidArgument("\(path): \(error)")
            }
        }
    }
}
