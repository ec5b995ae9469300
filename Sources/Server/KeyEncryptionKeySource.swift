import AttestationCore
import Foundation
import Logging
import Storage
import Tokens

/// Where the key-encryption key comes from: the environment (base64) or a file.
///
/// A missing file is created only when the store holds no sealed keys yet (otherwise start-up stops, because a new
/// KEK could never open the existing keys): in a directory made with mode 0700, with `O_CREAT | O_EXCL |
/// O_NOFOLLOW` and mode 0600, so it is never readable by others, not even briefly, and never written through a
/// planted symbolic link. An existing file must not be readable by others.
enum KeyEncryptionKeySource {
    case direct(String)
    case file(String)

    init(_ configuration: ServerConfiguration) {
        if let value = configuration.keyEncryptionKey {
            self = .direct(value)
        } else {
            self = .file(configuration.keyEncryptionKeyPath ?? ServerConfiguration.defaultKeyEncryptionKeyPath(
                environment: ProcessInfo.processInfo.environment))
        }
    }

    func load(store: any AssayStore, logger: Logger) async throws -> KeyEncryptionKey {
        switch self {
        case .direct(let value):
            do { return try KeyEncryptionKey(fileContents: value) } catch {
                throw ConfigurationError(setting: "kek", source: "ASSAY_KEK", reason: "\(error)")
            }
        case .file(let path):
            if let mode = PrivateFile.mode(path) {
                guard mode & 0o077 == 0 else {
                    throw ConfigurationError(
                        setting: "kek_file", source: path,
                        reason: "permissions are \(String(mode, radix: 8)); the key-encryption key must be private: chmod 600 \(path)")
                }
                guard let data = FileManager.default.contents(atPath: path), data.count <= 4096 else {
                    throw ConfigurationError(setting: "kek_file", source: path, reason: "cannot read it")
                }
                do { return try KeyEncryptionKey(fileContents: String(decoding: data, as: UTF8.self)) } catch {
                    throw ConfigurationError(setting: "kek_file", source: path, reason: "\(error)")
                }
            }
            guard try await store.signingKeys().isEmpty, try await store.secrets(under: nil).isEmpty else {
                throw ConfigurationError(
                    setting: "kek_file", source: path,
                    reason: "missing, but the database holds keys sealed with a key-encryption key; restore that file or point --kek-file at it")
            }
            let key = KeyEncryptionKey.generate()
            do {
                try PrivateFile.createDirectory((path as NSString).deletingLastPathComponent)
                try PrivateFile.create(path, contents: Array(key.fileContents.utf8))
            } catch {
                throw ConfigurationError(setting: "kek_file", source: path, reason: error.description)
            }
            logger.notice(
                "created a new key-encryption key; back it up, keys and secrets in the database cannot be opened without it",
                metadata: ["path": "\(path)", "kek_id": "\(key.identifier)"])
            return key
        }
    }
}
