import ArgumentParser
import Foundation
import KeyBroker
import Logging
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
            abstract: "Re-wrap every sealed signing key, secret data key and pending TPM enrollment under a new KEK, in one transaction.",
            discussion: """
                Secret values are not decrypted or rewritten: only their data keys are re-wrapped. Everything is \
                opened with the old KEK first; if anything does not open, nothing changes. Stop the assay serve \
                replicas first (they hold the old KEK), then start them with the new one.

                Example:
                  assay kek generate --out new.kek
                  assay kek rotate --database sqlite:assay.sqlite --kek-file old.kek --new-kek-file new.kek
                """)

        @Option(help: ArgumentHelp("The database: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB.", valueName: "url"))
        var database: String

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
            let opened = try await StoreFactory.open(try DatabaseLocation(parsing: database), logger: logger)
            let summary = try await withThrowingTaskGroup(of: KEKRotation.Summary?.self) { group in
                if let service = opened.service { group.addTask { try await service.run(); return nil } }
                defer { group.cancelAll() }
                try await opened.store.migrate()
                return try await KEKRotation.rotate(store: opened.store, from: old, to: new)
            }
            try await opened.store.close()
            print(
                "re-wrapped \(summary.signingKeys) signing keys, \(summary.secrets) secret data keys and \(summary.enrollments) pending TPM enrollments from KEK \(old.identifier) to \(new.identifier)"
            )
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
