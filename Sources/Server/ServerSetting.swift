import Foundation
import Storage

/// One row of the settings table: a setting's config-file key (the flag is `--` + key with `-` for `_`, the
/// environment variable `ASSAY_` + key uppercased), what it takes, its help text (with its default) and how its
/// value lands in a ``ServerConfiguration``. Service plug-ins add rows of their own.
public struct ServerSetting: Sendable {
    /// Where a setting may come from and how many values it takes.
    public enum Kind: Sendable {
        /// One value, from a flag, the environment or the config file.
        case value
        /// Any number of values: a repeated flag, a comma-separated environment variable, a config-file array.
        case list
        /// A switch: the bare flag, or `true`/`false` in the environment or the config file.
        case toggle
        /// A secret: from the environment only (flags end up in shell history, config files in version control).
        case secret
    }

    /// What one setting resolved to and where it came from.
    public struct Value: Sendable {
        /// The values (one for ``Kind/value``, ``Kind/toggle`` and ``Kind/secret``).
        public let values: [String]
        /// Where they came from: `--port`, `ASSAY_PORT`, `config file assay.json`.
        public let source: String

        /// The last value given.
        public var text: String { values.last ?? "" }

        /// An error about this value.
        public func invalid(_ key: String, _ reason: String) -> ConfigurationError {
            ConfigurationError(setting: key, source: source, reason: reason)
        }

        /// The value as an integer in `range`.
        public func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int {
            guard let parsed = Int(text), range.contains(parsed) else {
                throw invalid(key, "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text.prefix(40))'")
            }
            return parsed
        }

        /// The value as a number of seconds in `range`.
        public func seconds(_ key: String, in range: ClosedRange<Int>) throws -> Duration {
            .seconds(try integer(key, in: range))
        }
    }

    /// The config-file key.
    public let key: String
    /// What it takes.
    public let kind: Kind
    /// The placeholder in help (`seconds`, `file`, `url`).
    public let valueName: String
    /// One or two sentences, ending with the default.
    public let help: String
    /// Puts a value into the configuration, or throws naming the setting, the source and what is accepted.
    public let apply: @Sendable (inout ServerConfiguration, Value) throws -> Void

    public init(
        _ key: String, _ kind: Kind = .value, valueName: String = "value", help: String,
        apply: @escaping @Sendable (inout ServerConfiguration, Value) throws -> Void
    ) {
        self.key = key
        self.kind = kind
        self.valueName = valueName
        self.help = help
        self.apply = apply
    }

    /// The command-line flag.
    public var flag: String { "--" + key.replacingOccurrences(of: "_", with: "-") }
    /// The environment variable.
    public var environmentVariable: String { "ASSAY_" + key.uppercased() }
}

extension ServerSetting {
    /// The core service's settings.
    public static let core: [ServerSetting] = [
        ServerSetting("host", valueName: "address", help: "Address to listen on (default 127.0.0.1).") { $0.host = $1.text },
        ServerSetting("port", valueName: "port", help: "Port to listen on (default 8080; 0 picks a free port).") {
            $0.port = try $1.integer("port", in: 0...65535)
        },
        ServerSetting(
            "database", valueName: "url",
            help: "sqlite:PATH (default sqlite:assay.sqlite) or postgres://USER@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=FILE]; sslmode defaults to verify-full, or prefer on loopback. A URL with a password only from ASSAY_DATABASE."
        ) { configuration, value in
            let location: DatabaseLocation
            do { location = try DatabaseLocation(parsing: value.text) } catch { throw value.invalid("database", "\(error)") }
            guard !location.hasPassword || value.source == "ASSAY_DATABASE" else {
                throw value.invalid(
                    "database",
                    "a password does not belong on the command line or in a config file; give it with ASSAY_DATABASE_PASSWORD or --database-password-file")
            }
            configuration.database = location
        },
        ServerSetting("database_password", .secret, help: "The PostgreSQL password.") { configuration, value in
            configuration.database = configuration.database.with(password: value.text)
        },
        ServerSetting(
            "database_password_file", valueName: "file", help: "File holding the PostgreSQL password (or set ASSAY_DATABASE_PASSWORD)."
        ) { configuration, value in
            configuration.database = configuration.database.with(password: try readSecretFile(value, key: "database_password_file"))
        },
        ServerSetting("admin_token", .secret, help: "The admin bearer token (at least 16 characters).") {
            $0.adminToken = $1.text
        },
        ServerSetting(
            "admin_token_file", valueName: "file", help: "File holding the admin bearer token (or set ASSAY_ADMIN_TOKEN); no token: no admin API."
        ) { configuration, value in
            if configuration.adminToken == nil {
                configuration.adminToken = try readSecretFile(value, key: "admin_token_file")
            }
        },
        ServerSetting(
            "allow_insecure_admin", .toggle,
            help: "Serve the admin API over plain HTTP on an address other than loopback (refused by default: the admin token would cross the network in clear)."
        ) { $0.allowInsecureAdmin = try toggle($1, key: "allow_insecure_admin") },
        ServerSetting("tls_certificate", valueName: "file", help: "PEM certificate chain; enables HTTPS with --tls-key.") {
            $0.tlsCertificatePath = $1.text
        },
        ServerSetting("tls_key", valueName: "file", help: "PEM private key for --tls-certificate.") { $0.tlsKeyPath = $1.text },
        ServerSetting(
            "tls_attested", .toggle,
            help: "Serve HTTPS with an attested certificate minted in this TEE (--tee and its options; see 'assay tls --help'), so relying parties can check they talk to a verifier in a TEE."
        ) { $0.tlsAttested = try toggle($1, key: "tls_attested") },
        ServerSetting("nonce_ttl", valueName: "seconds", help: "Seconds a challenge nonce stays valid (default 120).") {
            $0.nonceLifetime = TimeInterval(try $1.integer("nonce_ttl", in: 1...86400))
        },
        ServerSetting("token_lifetime", valueName: "seconds", help: "Seconds an issued token is valid (default 300).") {
            $0.tokenLifetime = TimeInterval(try $1.integer("token_lifetime", in: 10...86400 * 7))
        },
        ServerSetting("max_body_bytes", valueName: "bytes", help: "Largest request body accepted (default 1048576).") {
            $0.maxBodyBytes = try $1.integer("max_body_bytes", in: 1024...64 * 1024 * 1024)
        },
        ServerSetting("issuer", valueName: "url", help: "Issuer URL for tokens and OpenID discovery (default http(s)://HOST:PORT).") {
            configuration, value in
            guard value.text.hasPrefix("https://") || value.text.hasPrefix("http://") else {
                throw value.invalid("issuer", "must be an http(s) URL")
            }
            configuration.issuer = value.text
        },
        ServerSetting("kek", .secret, help: "The key-encryption key, base64 of 32 bytes.") { $0.keyEncryptionKey = $1.text },
        ServerSetting(
            "kek_file", valueName: "file",
            help: "Key-encryption key file (default ~/.config/assay/kek, created with mode 0600 on a new database)."
        ) { $0.keyEncryptionKeyPath = $1.text },
        ServerSetting(
            "sqlite_synchronous", valueName: "mode", help: "normal (crash-safe, default) or full (also power-loss safe)."
        ) { configuration, value in
            guard ["normal", "full"].contains(value.text.lowercased()) else {
                throw value.invalid("sqlite_synchronous", "must be normal or full")
            }
            configuration.sqliteFullSync = value.text.lowercased() == "full"
        },
        ServerSetting(
            "appraisal_policy", valueName: "id",
            help: "The stored policy (PUT /v1/policies/ID) that appraises attestations naming none. Default: built-in."
        ) { configuration, value in
            guard let id = PolicyID(value.text) else { throw value.invalid("appraisal_policy", PolicyID.rule) }
            configuration.appraisalPolicy = id.text
        },
        ServerSetting(
            "selectable_policy", .list, valueName: "id",
            help: "A stored policy attesters may name with \"policy\" in POST /v1/attest (repeatable). Default: none; attesters get the configured policy."
        ) { configuration, value in
            configuration.selectablePolicies = Set(try value.values.map { text in
                guard let id = PolicyID(text) else { throw value.invalid("selectable_policy", PolicyID.rule) }
                return id.text
            })
        },
        ServerSetting(
            "enable_tee", .list, valueName: "tee",
            help: "A development TEE to accept besides the hardware ones (repeatable), e.g. sample. Its evidence can be made by anyone: never in production."
        ) { $0.enabledDevelopmentTEEs = Set($1.values) },
        ServerSetting(
            "request_timeout", valueName: "seconds",
            help: "Longest time a client may take to send a request's body, and its work may take once admitted, queueing "
                + "included; the connection closes or the work is cancelled past it (default 10)."
        ) { $0.requestTimeout = try $1.seconds("request_timeout", in: 1...600) },
        ServerSetting(
            "request_header_timeout", valueName: "seconds",
            help: "Longest time a client may take to send a request's head, from its first byte or from connecting (default 10)."
        ) { $0.requestHeaderTimeout = try $1.seconds("request_header_timeout", in: 1...600) },
        ServerSetting("idle_timeout", valueName: "seconds", help: "Seconds a kept-alive connection may stay idle (default 60).") {
            $0.idleTimeout = try $1.seconds("idle_timeout", in: 1...3600)
        },
        ServerSetting(
            "max_connections", valueName: "count",
            help: "Most connections open at once; more wait in the listen backlog (default 1024, fewer under a low open-files limit)."
        ) { $0.maxConnections = try $1.integer("max_connections", in: 1...1_000_000) },
        ServerSetting(
            "workers", valueName: "count", help: "Threads that verify, appraise and sign, off the network threads (default: one per core)."
        ) { $0.workers = try $1.integer("workers", in: 1...256) },
        ServerSetting(
            "max_pending_requests", valueName: "count",
            help: "Most requests queued for or running on the workers; more are answered 503 with Retry-After at once (default 256)."
        ) { $0.maxPendingRequests = try $1.integer("max_pending_requests", in: 1...100_000) },
        ServerSetting(
            "collateral_cache", valueName: "dir",
            help: "Vendor collateral cache (see 'assay collateral'); read offline unless fetch_collateral is on (default with fetching: ~/.cache/assay/collateral)."
        ) { $0.collateralCache = $1.text },
        ServerSetting(
            "fetch_collateral", .toggle,
            help: "Fetch collateral that evidence lacks from AMD KDS or Intel PCS ($ASSAY_PCCS_URL for a PCCS) through the cache."
        ) { $0.fetchCollateral = try toggle($1, key: "fetch_collateral") },
        ServerSetting("fetch_timeout", valueName: "seconds", help: "Seconds one vendor request may take (default 5).") {
            $0.fetchTimeout = try $1.integer("fetch_timeout", in: 1...300)
        },
        ServerSetting("log_level", valueName: "level", help: "trace, debug, info (default), notice, warning, error, critical.") {
            configuration, value in
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(value.text.lowercased()) else {
                throw value.invalid("log_level", "must be one of \(levels.joined(separator: ", "))")
            }
            configuration.logLevel = value.text.lowercased()
        },
    ]

    /// A switch's value: the bare flag, or true/false.
    public static func toggle(_ value: Value, key: String) throws -> Bool {
        switch value.text.lowercased() {
        case "", "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw value.invalid(key, "must be true or false")
        }
    }

    /// Largest secret file read.
    static let maxSecretFileBytes = 4096

    /// The trimmed contents of a file holding a secret.
    public static func readSecretFile(_ value: Value, key: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: value.text), data.count <= maxSecretFileBytes else {
            throw value.invalid(key, "cannot read \(value.text), or it is larger than \(maxSecretFileBytes) bytes")
        }
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw value.invalid(key, "\(value.text) is empty") }
        return secret
    }
}
