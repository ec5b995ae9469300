public import Foundation
public import Storage

/// Everything `assay serve` is configured with, after merging flags, environment and the config file.
public struct ServerConfiguration: Sendable {
    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on (0 picks a free one).
    public var port = 8080
    /// The store.
    public var database: DatabaseLocation = .default
    /// The admin bearer token; nil disables the admin API. Never logged.
    public var adminToken: String?
    /// PEM certificate chain for TLS; TLS is on when this and ``tlsKeyPath`` are set.
    public var tlsCertificatePath: String?
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
    /// A PEM (or DER) file, or a directory of them, holding the certificate authorities of the TPM EK certificates
    /// this service accepts at AK enrollment and when verifying TPM quotes: self-signed ones are the roots, others
    /// intermediates. Nil: TPM AKs cannot be enrolled (only AK certificates under the built-in pins are trusted).
    public var tpmEKRootsPath: String?
    /// How long an AK activated by credential activation stays trusted; after that its quotes are rejected
    /// (`ak_activated`) until it is enrolled again, and the record is removed.
    public var tpmAKLifetime: TimeInterval = 86400
    /// Log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"

    public init() {}

    /// Whether TLS is configured.
    public var usesTLS: Bool { tlsCertificatePath != nil && tlsKeyPath != nil }

    /// The issuer, derived from the listening address when not configured.
    public var effectiveIssuer: String {
        if let issuer { return issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer }
        return "\(usesTLS ? "https" : "http")://\(host):\(port)"
    }

    /// The default key-encryption key file: `$XDG_CONFIG_HOME/assay/kek` (or `~/.config/assay/kek`), kept apart
    /// from the database.
    public static func defaultKeyEncryptionKeyPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/assay/kek"
    }
}
