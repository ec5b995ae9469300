import AttestationCore
import Foundation
import Storage

extension ServerConfiguration {
    /// Largest config file read.
    public static let maxConfigFileBytes = 64 * 1024

    /// Resolves every setting of `table` (flags, then environment, then config file, then the default), applying
    /// them in table order, then checks the settings that depend on each other.
    ///
    /// - Parameters:
    ///   - flags: values given on the command line, keyed by setting key (several for a repeated flag).
    ///   - environment: the process environment.
    ///   - file: the config file's path and bytes (JSON object), if any; unknown keys and secrets are errors.
    public static func resolve(
        flags: [String: [String]], environment: [String: String], file: (path: String, bytes: [UInt8])?,
        settings table: [ServerSetting] = ServerSetting.core
    ) throws -> ServerConfiguration {
        let bySetting = Dictionary(table.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let fromFile = try fileValues(file, settings: bySetting)
        for key in flags.keys {
            guard let setting = bySetting[key], setting.kind != .secret else {
                throw ConfigurationError(setting: key, source: "--\(key.replacingOccurrences(of: "_", with: "-"))", reason: "not a flag")
            }
        }
        var configuration = ServerConfiguration()
        for setting in table {
            let value: ServerSetting.Value?
            if let given = flags[setting.key], !given.isEmpty {
                value = ServerSetting.Value(values: given, source: setting.flag)
            } else if let text = environment[setting.environmentVariable], !text.isEmpty {
                let values = setting.kind == .list
                    ? text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : [text]
                value = ServerSetting.Value(values: values, source: setting.environmentVariable)
            } else {
                value = fromFile[setting.key]
            }
            if let value { try setting.apply(&configuration, value) }
        }
        if configuration.keyEncryptionKeyPath == nil {
            configuration.keyEncryptionKeyPath = defaultKeyEncryptionKeyPath(environment: environment)
        }
        try configuration.validate()
        return configuration
    }

    /// The config file's members as setting values; unknown keys, secrets and values of the wrong shape are errors.
    static func fileValues(_ file: (path: String, bytes: [UInt8])?, settings: [String: ServerSetting]) throws
        -> [String: ServerSetting.Value]
    {
        guard let file else { return [:] }
        let source = "config file \(file.path)"
        let document: JSONValue
        do { document = try JSONValue(parsing: file.bytes) } catch {
            throw ConfigurationError(setting: "config file", source: file.path, reason: "not valid JSON: \(error)")
        }
        guard let members = document.objectValue else {
            throw ConfigurationError(setting: "config file", source: file.path, reason: "must be a JSON object")
        }
        var values: [String: ServerSetting.Value] = [:]
        for (key, member) in members {
            guard let setting = settings[key] else {
                throw ConfigurationError(
                    setting: key, source: source, reason: "unknown setting; known: \(settings.keys.sorted().joined(separator: ", "))")
            }
            guard setting.kind != .secret else {
                throw ConfigurationError(
                    setting: key, source: source,
                    reason: "secrets do not belong in config files; use \(key)_file or ASSAY_\(key.uppercased())")
            }
            let texts: [String]
            switch (member, setting.kind) {
            case (.array(let items), .list):
                texts = try items.map { item in
                    guard let text = item.stringValue else {
                        throw ConfigurationError(setting: key, source: source, reason: "must be an array of strings")
                    }
                    return text
                }
            case (.string(let text), _): texts = [text]
            case (.integer(let integer), .value): texts = [String(integer)]
            case (.bool(let bool), .toggle): texts = [String(bool)]
            default:
                throw ConfigurationError(
                    setting: key, source: source,
                    reason: setting.kind == .list ? "must be an array of strings" : "must be a string or number")
            }
            values[key] = ServerSetting.Value(values: texts, source: source)
        }
        return values
    }

    /// Checks what no single setting can: TLS files in pairs, a long enough admin token, and no admin API in clear
    /// over the network unless explicitly allowed.
    func validate() throws {
        if let token = adminToken, token.count < 16 {
            throw ConfigurationError(
                setting: "admin token", source: "ASSAY_ADMIN_TOKEN or --admin-token-file",
                reason: "must be at least 16 characters (e.g. openssl rand -hex 32)")
        }
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            throw ConfigurationError(setting: "tls", source: "configuration", reason: "give both tls_certificate and tls_key, or neither")
        }
        if tlsAttested, tlsCertificatePath != nil {
            throw ConfigurationError(
                setting: "tls_attested", source: "configuration",
                reason: "an attested certificate is minted in the TEE; give either tls_attested or tls_certificate and tls_key")
        }
        if adminToken != nil, !usesTLS, !allowInsecureAdmin, !PostgresConnectionSettings.isLoopback(host) {
            throw ConfigurationError(
                setting: "host", source: "configuration",
                reason: "the admin API would take its bearer token over plain HTTP on \(host); serve HTTPS (--tls-certificate, --tls-key), listen on loopback behind a TLS proxy, or pass --allow-insecure-admin if the network is trusted")
        }
    }
}
