import Appraisal
import ArgumentParser
import AttestationCore
import Foundation
import Logging
import Server

/// `assay serve`: run the attestation service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the attestation service (HTTP API, SQLite by default, PostgreSQL for scale-out).",
        discussion: """
            Settings come from flags, then ASSAY_* environment variables, then --config (a JSON object whose keys \
            are the settings below in snake_case; unknown keys are errors), then defaults. Secrets come only from \
            the environment or files: ASSAY_ADMIN_TOKEN or --admin-token-file, ASSAY_KEK or --kek-file.

            Endpoints: POST /v1/challenge, POST /v1/attest, POST /v1/tpm/enrollments and \
            POST /v1/tpm/enrollments/{id}/activation (TPM attestation-key enrollment by credential activation; needs \
            --tpm-ek-roots), POST /v1/secrets/{path}/release, GET /.well-known/jwks.json, \
            GET /.well-known/openid-configuration, GET /healthz, GET /metrics, GET /openapi.json, and the admin API \
            (bearer token) under /v1/policies, /v1/reference-values, /v1/keys, /v1/audit, /v1/secrets, \
            /v1/resource-policies.

            Examples:
              assay serve                                   # 127.0.0.1:8080, ./assay.sqlite
              ASSAY_ADMIN_TOKEN=$(openssl rand -hex 32) assay serve --port 9000
              assay serve --database postgres://assay:secret@db:5432/assay --host 0.0.0.0
              assay serve --tpm-ek-roots /etc/assay/tpm-ek-cas/      # accept TPMs whose EK certificate chains there
            """
    )

    @Option(help: ArgumentHelp("A JSON configuration file.", valueName: "file"))
    var config: String?

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 8080; 0 picks a free port).")
    var port: String?

    @Option(help: ArgumentHelp("sqlite:PATH (default sqlite:assay.sqlite) or postgres://USER:PASSWORD@HOST:PORT/DB.", valueName: "url"))
    var database: String?

    @Option(name: .customLong("admin-token-file"), help: ArgumentHelp("File holding the admin bearer token (or set ASSAY_ADMIN_TOKEN).", valueName: "file"))
    var adminTokenFile: String?

    @Option(name: .customLong("tls-certificate"), help: ArgumentHelp("PEM certificate chain; enables HTTPS with --tls-key.", valueName: "file"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for --tls-certificate.", valueName: "file"))
    var tlsKey: String?

    @Option(name: .customLong("nonce-ttl"), help: "Seconds a challenge nonce stays valid (default 120).")
    var nonceTTL: String?

    @Option(name: .customLong("token-lifetime"), help: "Seconds an issued token is valid (default 300).")
    var tokenLifetime: String?

    @Option(name: .customLong("max-body-bytes"), help: "Largest request body accepted (default 1048576).")
    var maxBodyBytes: String?

    @Option(help: "Issuer URL for tokens and OpenID discovery (default http(s)://HOST:PORT).")
    var issuer: String?

    @Option(name: .customLong("kek-file"), help: ArgumentHelp("Key-encryption key file (default ~/.config/assay/kek, created if absent on a new database).", valueName: "file"))
    var kekFile: String?

    @Option(name: .customLong("sqlite-synchronous"), help: "normal (crash-safe, default) or full (also power-loss safe).")
    var sqliteSynchronous: String?

    @Option(
        name: .customLong("appraisal-policy"),
        help: ArgumentHelp(
            "The stored policy (PUT /v1/policies/ID) that appraises attestations naming none. Default: built-in.",
            valueName: "id"))
    var appraisalPolicy: String?

    @Option(
        name: .customLong("tpm-ek-roots"),
        help: ArgumentHelp(
            "PEM/DER file, or directory of them, with the CAs of the TPM EK certificates to accept for AK enrollment (self-signed ones are roots, others intermediates).",
            valueName: "path"))
    var tpmEKRoots: String?

    @Option(
        name: .customLong("tpm-ak-lifetime"),
        help: "Seconds an AK enrolled by credential activation stays trusted before it must be enrolled again (default 86400).")
    var tpmAKLifetime: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info (default), notice, warning, error, critical.")
    var logLevel: String?

    func run() async throws {
        let flags: [String: String?] = [
            "host": host, "port": port, "database": database, "admin_token_file": adminTokenFile,
            "tls_certificate": tlsCertificate, "tls_key": tlsKey, "nonce_ttl": nonceTTL, "token_lifetime": tokenLifetime,
            "max_body_bytes": maxBodyBytes, "issuer": issuer, "kek_file": kekFile, "sqlite_synchronous": sqliteSynchronous,
            "log_level": logLevel, "appraisal_policy": appraisalPolicy, "tpm_ek_roots": tpmEKRoots,
            "tpm_ak_lifetime": tpmAKLifetime,
        ]
        let file = try config.map { ($0, try InputFiles.read($0, what: "config file", limit: 64 * 1024)) }
        let configuration = try ServerConfiguration.resolve(
            flags: flags.compactMapValues { $0 }, environment: ProcessInfo.processInfo.environment, file: file)
        var logger = Logger(label: "assay")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let server = try await AssayServer(
            configuration: configuration, verifiers: Registry.verifiers(for:), policy: try RegoAppraisalPolicy.standard(),
            logger: logger)
        try await server.run()
    }
}
