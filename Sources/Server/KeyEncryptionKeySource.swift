import Foundation
import Logging
import Storage
import Tokens

/// Where the key-encryption key comes from: the environment (base64) or a file.
///
/// A missing file is created (mode 0600, directory 0700) only when the store holds no sealed keys yet; otherwise
/// start-up stops, because a new KEK could never open the existing keys.
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
            if let data = FileManager.default.contents(atPath: path) {
                try Self.checkPrivate(path)
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
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(
                atPath: path, contents: Data(key.fileContents.utf8), attributes: [.posixPermissions: 0o600])
            else {
                throw ConfigurationError(setting: "kek_file", source: path, reason: "cannot create it")
            }
            logger.notice(
                "created a new key-encryption key; back it up, keys and secrets in the database cannot be opened without it",
                metadata: ["path": "\(path)", "kek_id": "\(key.identifier)"])
            return key
        }
    }

    static func checkPrivate(_ path: String) throws {
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw ConfigurationError(
                setting: "kek_file", source: path,
                reason: "permissions are \(String(mode, radix: 8)); the key-encryption key must be private: chmod 600 \(path)")
        }
    }
}
