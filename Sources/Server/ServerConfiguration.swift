public import Foundation
public import Storage

/// Everything `assay serve` is configured with, after merging flags, environment and the config file
/// (``ServerSetting`` lists every setting with its default).
public struct ServerConfiguration: Sendable {
    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on (0 picks a free one).
    public var port = 8080
    /// The store.
    public var database: DatabaseLocation = .default
    /// The admin bearer token; nil disables the admin API. Never logged.
    public var adminToken: String?
    /// Whether the admin API may run over plain HTTP on a listener other than loopback.
    public var allowInsecureAdmin = false
    /// PEM certificate chain for TLS; TLS is on when this and ``tlsKeyPath`` are set.
    public var tlsCertificatePath: String?
    /// Serve HTTPS with an attested certificate (the TLS context is made by the caller, see `AssayServer.init`).
    public var tlsAttested = false
    /// PEM private key for TLS.
    public var tlsKeyPath: String?
    /// How long a nonce from `/v1/challenge` stays valid.
    public var nonceLifetime: TimeInterval = 120
    /// How long an issued token is valid.
    public var tokenLifetime: TimeInterval = 300
    /// Largest request body accepted (413 beyond it, without reading it all).
    public var maxBodyBytes = 1024 * 1024
    /// The issuer URL in tokens and the OpenID configuration; nil derives it from host, port and TLS.
    public var issuer: String?
    /// Where the key-encryption key is read from (created there on first start if absent).
    public var keyEncryptionKeyPath: String?
    /// The key-encryption key given directly (ASSAY_KEK, base64); takes precedence over the path.
    public var keyEncryptionKey: String?
    /// SQLite `synchronous=FULL` (power-loss safe) instead of NORMAL (process-crash safe).
    public var sqliteFullSync = false
    /// The stored policy that appraises attestations which name none (default: the built-in policy).
    public var appraisalPolicy: String?
    /// The stored policies an attester may name in `POST /v1/attest` (none by default: the operator chooses).
    public var selectablePolicies: Set<String> = []
    /// Development TEEs (evidence anyone can make) to accept besides the hardware TEEs.
    public var enabledDevelopmentTEEs: Set<String> = []
    /// Longest time a client may take to send a request's body after its head (the connection closes past it), and
    /// longest time a request's work may take once admitted, queueing included (cancelled past it: 503).
    public var requestTimeout: Duration = .seconds(10)
    /// Longest time a client may take to send a request's head once it started sending it, or to send its first
    /// request after connecting.
    public var requestHeaderTimeout: Duration = .seconds(10)
    /// How long a kept-alive connection may stay idle between requests.
    public var idleTimeout: Duration = .seconds(60)
    /// Most connections open at once; beyond it new ones wait in the listen backlog.
    public var maxConnections = ServerConfiguration.defaultMaxConnections
    /// Threads that verify, appraise and sign (off the network event loops).
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Most requests queued for or running on the workers; more are answered 503 at once.
    public var maxPendingRequests = 256
    /// Settings of service plug-ins, parsed by each plug-in's own table rows, by key.
    public var pluginValues: [String: any Sendable] = [:]
    /// Log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// The on-disk vendor collateral cache verification reads (nil: none, unless fetching; then the default one).
    public var collateralCache: String?
    /// Whether collateral the evidence lacks is fetched from the vendors through the cache.
    public var fetchCollateral = false
    /// Seconds one vendor request may take.
    public var fetchTimeout = 5

    public init() {}

    /// Whether TLS is configured.
    public var usesTLS: Bool { tlsCertificatePath != nil && tlsKeyPath != nil || tlsAttested }

    /// The issuer, derived from the listening address when not configured.
    public var effectiveIssuer: String {
        if let issuer { return issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer }
        return "\(usesTLS ? "https" : "http")://\(host):\(port)"
    }

    /// 1024, or fewer when the process may open fewer files (64 descriptors stay free for the store and logs).
    public static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return 1024 }
        return max(8, min(1024, Int(clamping: limit.rlim_cur) - 64))
    }

    /// The default key-encryption key file: `$XDG_CONFIG_HOME/assay/kek` (or `~/.config/assay/kek`), kept apart
    /// from the database.
    public static func defaultKeyEncryptionKeyPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/assay/kek"
    }
}
