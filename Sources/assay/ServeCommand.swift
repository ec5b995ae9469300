import Appraisal
import ArgumentParser
import AttestedTLS
import NIOSSL
import AttestationCore
import Foundation
import HTTPCollateral
import Logging
import Server

/// `assay serve`: run the attestation service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the attestation service (HTTP API, SQLite by default, PostgreSQL for scale-out).",
        discussion: """
            Settings come from flags, then ASSAY_* environment variables (the flag's name in upper case with _ for \
            -, e.g. ASSAY_MAX_CONNECTIONS; lists comma-separated), then --config (a JSON object whose keys are the \
            flags' names in snake_case; unknown keys are errors), then defaults. Secrets come only from the \
            environment or files: ASSAY_ADMIN_TOKEN or --admin-token-file, ASSAY_KEK or --kek-file, \
            ASSAY_DATABASE_PASSWORD or --database-password-file (or the whole postgres:// URL in ASSAY_DATABASE).

            Only hardware TEEs are accepted unless --enable-tee names a development TEE (sample: evidence anyone can \
            make). Attesters cannot choose the appraisal policy unless --selectable-policy makes one choosable. \
            Verification, appraisal and key release run on --workers threads, each request within \
            --request-timeout; a full queue answers 503 with Retry-After. The admin API needs HTTPS (or loopback, \
            or --allow-insecure-admin).

            Endpoints: POST /v1/challenge, POST /v1/attest, POST /v1/tpm/enrollments and \
            POST /v1/tpm/enrollments/{id}/activation (TPM attestation-key enrollment by credential activation; needs \
            --tpm-ek-roots), POST /v1/secrets/{path}/release, GET /.well-known/jwks.json, \
            GET /.well-known/openid-configuration, GET /healthz, GET /metrics, GET /openapi.json, and the admin API \
            (bearer token) under /v1/policies, /v1/reference-values, /v1/keys, /v1/audit, /v1/secrets, \
            /v1/resource-policies.

            Examples:
              assay serve                                   # 127.0.0.1:8080, ./assay.sqlite, hardware TEEs
              ASSAY_ADMIN_TOKEN=$(openssl rand -hex 32) assay serve --port 9000
              ASSAY_DATABASE_PASSWORD=… assay serve --database postgres://assay@db:5432/assay \\
                  --host 0.0.0.0 --tls-certificate cert.pem --tls-key key.pem
              assay serve --tpm-ek-roots /etc/assay/tpm-ek-cas/      # accept TPMs whose EK certificate chains there
              assay serve --enable-tee sample                        # development only: the Sample TEE
            """
    )

    /// The help text of a setting, from the settings table.
    static func help(_ key: String) -> ArgumentHelp {
        let setting = Registry.serverSettings.first { $0.key == key }
        return ArgumentHelp(setting?.help ?? "", valueName: setting?.valueName)
    }

    @Option(help: ArgumentHelp("A JSON configuration file.", valueName: "file"))
    var config: String?

    @Option(help: help("host")) var host: String?
    @Option(help: help("port")) var port: String?
    @Option(help: help("database")) var database: String?
    @Option(name: .customLong("database-password-file"), help: help("database_password_file")) var databasePasswordFile: String?
    @Option(name: .customLong("admin-token-file"), help: help("admin_token_file")) var adminTokenFile: String?
    @Flag(name: .customLong("allow-insecure-admin"), help: help("allow_insecure_admin")) var allowInsecureAdmin = false
    @Option(name: .customLong("tls-certificate"), help: help("tls_certificate")) var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: help("tls_key")) var tlsKey: String?
    @Flag(name: .customLong("tls-attested"), help: help("tls_attested")) var tlsAttested = false
    @OptionGroup(title: "Attested TLS (with --tls-attested)") var attester: AttesterOptions
    @OptionGroup(title: "Attested TLS certificate (with --tls-attested)") var attestedCertificate: AttestedCertificateOptions
    @Option(name: .customLong("nonce-ttl"), help: help("nonce_ttl")) var nonceTTL: String?
    @Option(name: .customLong("token-lifetime"), help: help("token_lifetime")) var tokenLifetime: String?
    @Option(name: .customLong("max-body-bytes"), help: help("max_body_bytes")) var maxBodyBytes: String?
    @Option(help: help("issuer")) var issuer: String?
    @Option(name: .customLong("kek-file"), help: help("kek_file")) var kekFile: String?
    @Option(name: .customLong("sqlite-synchronous"), help: help("sqlite_synchronous")) var sqliteSynchronous: String?
    @Option(name: .customLong("appraisal-policy"), help: help("appraisal_policy")) var appraisalPolicy: String?
    @Option(name: .customLong("selectable-policy"), help: help("selectable_policy")) var selectablePolicy: [String] = []
    @Option(name: .customLong("enable-tee"), help: help("enable_tee")) var enableTEE: [String] = []
    @Option(name: .customLong("request-timeout"), help: help("request_timeout")) var requestTimeout: String?
    @Option(name: .customLong("request-header-timeout"), help: help("request_header_timeout")) var requestHeaderTimeout: String?
    @Option(name: .customLong("idle-timeout"), help: help("idle_timeout")) var idleTimeout: String?
    @Option(name: .customLong("max-connections"), help: help("max_connections")) var maxConnections: String?
    @Option(help: help("workers")) var workers: String?
    @Option(name: .customLong("max-pending-requests"), help: help("max_pending_requests")) var maxPendingRequests: String?
    @Option(name: .customLong("tpm-ek-roots"), help: help("tpm_ek_roots")) var tpmEKRoots: String?
    @Option(name: .customLong("tpm-ak-roots"), help: help("tpm_ak_roots")) var tpmAKRoots: String?
    @Option(name: .customLong("tpm-ak-lifetime"), help: help("tpm_ak_lifetime")) var tpmAKLifetime: String?
    @Option(name: .customLong("log-level"), help: help("log_level")) var logLevel: String?
    @Option(name: .customLong("collateral-cache"), help: help("collateral_cache")) var collateralCache: String?
    @Flag(name: .customLong("fetch-collateral"), help: help("fetch_collateral")) var fetchCollateral = false
    @Option(name: .customLong("fetch-timeout"), help: help("fetch_timeout")) var fetchTimeout: String?

    /// The flags given, by setting key.
    var flags: [String: [String]] {
        let single: [String: String?] = [
            "host": host, "port": port, "database": database, "database_password_file": databasePasswordFile,
            "admin_token_file": adminTokenFile, "allow_insecure_admin": allowInsecureAdmin ? "true" : nil,
            "tls_certificate": tlsCertificate, "tls_key": tlsKey, "tls_attested": tlsAttested ? "true" : nil, "nonce_ttl": nonceTTL, "token_lifetime": tokenLifetime,
            "max_body_bytes": maxBodyBytes, "issuer": issuer, "kek_file": kekFile, "sqlite_synchronous": sqliteSynchronous,
            "appraisal_policy": appraisalPolicy, "request_timeout": requestTimeout,
            "request_header_timeout": requestHeaderTimeout, "idle_timeout": idleTimeout, "max_connections": maxConnections,
            "workers": workers, "max_pending_requests": maxPendingRequests, "tpm_ek_roots": tpmEKRoots,
            "tpm_ak_roots": tpmAKRoots, "tpm_ak_lifetime": tpmAKLifetime, "log_level": logLevel,
            "collateral_cache": collateralCache, "fetch_collateral": fetchCollateral ? "true" : nil,
            "fetch_timeout": fetchTimeout,
        ]
        var flags = single.compactMapValues { $0.map { [$0] } }
        if !selectablePolicy.isEmpty { flags["selectable_policy"] = selectablePolicy }
        if !enableTEE.isEmpty { flags["enable_tee"] = enableTEE }
        return flags
    }

    /// The collateral cache verification reads, with the vendors behind it when fetching; nil when neither is set.
    func collateralProvider(_ configuration: ServerConfiguration) -> CachedCollateralProvider? {
        guard configuration.fetchCollateral || configuration.collateralCache != nil else { return nil }
        return CachedCollateralProvider(
            upstream: configuration.fetchCollateral ? HTTPCollateralProvider(timeoutSeconds: Int64(configuration.fetchTimeout)) : nil,
            directory: configuration.collateralCache.map { URL(fileURLWithPath: $0) } ?? CollateralCacheOptions.defaultDirectory)
    }

    func run() async throws {
        let file = try config.map { ($0, try InputFiles.read($0, what: "config file", limit: ServerConfiguration.maxConfigFileBytes)) }
        let configuration = try ServerConfiguration.resolve(
            flags: flags, environment: ProcessInfo.processInfo.environment, file: file, settings: Registry.serverSettings)
        var logger = Logger(label: "assay")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        AllocatorTuning.apply()
        var attestedTLSContext: NIOSSLContext?
        if configuration.tlsAttested {
            try attester.check(for: "assay serve --tls-attested")
            attestedTLSContext = try await AttestedTLSServerContext.make(
                store: try attestedCertificate.store(attester: attester), fresh: attestedCertificate.fresh)
        } else if attester.givenTEE != nil {
            throw CLIError.invalidArgument("--tee applies to assay serve only with --tls-attested")
        }
        let server = try await AssayServer(
            configuration: configuration, verifiers: Registry.verifiers, plugins: Registry.plugins,
            policy: try RegoAppraisalPolicy.standard(), collateralProvider: collateralProvider(configuration),
            attestedTLSContext: attestedTLSContext, logger: logger)
        try await server.run()
    }
}
