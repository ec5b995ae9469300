import AttestationCore
import Foundation
import Storage

extension ServerConfiguration {
    /// The settings, with their config-file key; the flag is `--` + key with `_` as `-`, the environment
    /// variable `ASSAY_` + key uppercased.
    public static let settings: [String] = [
        "host", "port", "database", "admin_token", "admin_token_file", "tls_certificate", "tls_key", "nonce_ttl",
        "token_lifetime", "max_body_bytes", "issuer", "kek", "kek_file", "sqlite_synchronous", "log_level",
        "appraisal_policy", "tpm_ek_roots", "tpm_ak_lifetime",
    ]

    /// Settings that are secrets: accepted from the environment or a file reference, never from flags or the
    /// config file itself (they would end up in shell history or version control).
    static let secretSettings: Set<String> = ["admin_token", "kek"]

    /// Largest config file read.
    static let maxConfigFileBytes = 64 * 1024

    /// Merges flags (highest precedence), environment and config file over the defaults.
    ///
    /// - Parameters:
    ///   - flags: values given on the command line, keyed by setting name.
    ///   - environment: the process environment.
    ///   - file: the config file's path and bytes (JSON object), if any; unknown keys are errors.
    public static func resolve(
        flags: [String: String], environment: [String: String], file: (path: String, bytes: [UInt8])?
    ) throws -> ServerConfiguration {
        var values: [String: (value: String, source: String)] = [:]
        if let file {
            let document: JSONValue
            do { document = try JSONValue(parsing: file.bytes) } catch {
                throw ConfigurationError(setting: "config file", source: file.path, reason: "not valid JSON: \(error)")
            }
            guard let members = document.objectValue else {
                throw ConfigurationError(setting: "config file", source: file.path, reason: "must be a JSON object")
            }
            for (key, value) in members {
                guard settings.contains(key) else {
                    throw ConfigurationError(
                        setting: key, source: "config file \(file.path)",
                        reason: "unknown setting; known: \(settings.joined(separator: ", "))")
                }
                guard !secretSettings.contains(key) else {
                    throw ConfigurationError(
                        setting: key, source: "config file \(file.path)",
                        reason: "secrets do not belong in config files; use \(key)_file or ASSAY_\(key.uppercased())")
                }
                let text: String
                switch value {
                case .string(let string): text = string
                case .integer(let integer): text = String(integer)
                case .bool(let bool): text = String(bool)
                default:
                    throw ConfigurationError(setting: key, source: "config file \(file.path)", reason: "must be a string or number")
                }
                values[key] = (text, "config file \(file.path)")
            }
        }
        for key in settings {
            if let value = environment["ASSAY_" + key.uppercased()], !value.isEmpty {
                values[key] = (value, "ASSAY_" + key.uppercased())
            }
        }
        for (key, value) in flags {
            guard settings.contains(key), !secretSettings.contains(key) else {
                throw ConfigurationError(setting: key, source: "--\(key.replacingOccurrences(of: "_", with: "-"))", reason: "not a flag")
            }
            values[key] = (value, "--" + key.replacingOccurrences(of: "_", with: "-"))
        }

        var configuration = ServerConfiguration()
        func integer(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let (value, source) = values[key] else { return nil }
            guard let parsed = Int(value), range.contains(parsed) else {
                throw ConfigurationError(setting: key, source: source, reason: "must be an integer in \(range), got '\(value)'")
            }
            return parsed
        }
        if let (value, _) = values["host"] { configuration.host = value }
        if let port = try integer("port", 0...65535) { configuration.port = port }
        if let (value, source) = values["database"] {
            do { configuration.database = try DatabaseLocation(parsing: value) } catch {
                throw ConfigurationError(setting: "database", source: source, reason: "\(error)")
            }
        }
        if let (value, _) = values["admin_token"] { configuration.adminToken = value }
        if let (path, source) = values["admin_token_file"], configuration.adminToken == nil {
            configuration.adminToken = try readSecretFile(path, setting: "admin_token_file", source: source)
        }
        if let token = configuration.adminToken, token.count < 16 {
            throw ConfigurationError(setting: "admin token", source: values["admin_token"]?.source ?? values["admin_token_file"]?.source ?? "",
                                     reason: "must be at least 16 characters (e.g. openssl rand -hex 32)")
        }
        if let (value, _) = values["tls_certificate"] { configuration.tlsCertificatePath = value }
        if let (value, _) = values["tls_key"] { configuration.tlsKeyPath = value }
        if (configuration.tlsCertificatePath == nil) != (configuration.tlsKeyPath == nil) {
            throw ConfigurationError(setting: "tls", source: "configuration", reason: "give both tls_certificate and tls_key, or neither")
        }
        if let ttl = try integer("nonce_ttl", 1...86400) { configuration.nonceLifetime = TimeInterval(ttl) }
        if let lifetime = try integer("token_lifetime", 10...86400 * 7) { configuration.tokenLifetime = TimeInterval(lifetime) }
        if let lifetime = try integer("tpm_ak_lifetime", 60...86400 * 366) { configuration.tpmAKLifetime = TimeInterval(lifetime) }
        if let size = try integer("max_body_bytes", 1024...64 * 1024 * 1024) { configuration.maxBodyBytes = size }
        if let (value, source) = values["issuer"] {
            guard value.hasPrefix("https://") || value.hasPrefix("http://") else {
                throw ConfigurationError(setting: "issuer", source: source, reason: "must be an http(s) URL")
            }
            configuration.issuer = value
        }
        if let (value, _) = values["kek"] { configuration.keyEncryptionKey = value }
        configuration.keyEncryptionKeyPath = values["kek_file"]?.value
            ?? defaultKeyEncryptionKeyPath(environment: environment)
        if let (value, source) = values["appraisal_policy"] {
            guard AssayRoutes.validPolicyID(value) else {
                throw ConfigurationError(
                    setting: "appraisal_policy", source: source,
                    reason: "must be a policy id (1-64 letters, digits, '.', '_', '-'), got '\(value)'")
            }
            configuration.appraisalPolicy = value
        }
        if let (value, _) = values["tpm_ek_roots"] { configuration.tpmEKRootsPath = value }
        if let (value, source) = values["sqlite_synchronous"] {
            guard ["normal", "full"].contains(value.lowercased()) else {
                throw ConfigurationError(setting: "sqlite_synchronous", source: source, reason: "must be normal or full")
            }
            configuration.sqliteFullSync = value.lowercased() == "full"
        }
        if let (value, source) = values["log_level"] {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(value.lowercased()) else {
                throw ConfigurationError(setting: "log_level", source: source, reason: "must be one of \(levels.joined(separator: ", "))")
            }
            configuration.logLevel = value.lowercased()
        }
        return configuration
    }

    static func readSecretFile(_ path: String, setting: String, source: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4096 else {
            throw ConfigurationError(setting: setting, source: source, reason: "cannot read \(path)")
        }
        let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw ConfigurationError(setting: setting, source: source, reason: "\(path) is empty") }
        return value
    }
}
