public import Appraisal
public import AttestationCore
public import Hummingbird
import HummingbirdCore
import KeyBroker
public import Logging
public import NIOCore
public import NIOSSL
import ServiceLifecycle
public import Storage
import Foundation
import Tokens

/// `assay serve`: the attestation service, assembled from its configuration, verifiers and plug-ins.
///
/// Initialising it opens and migrates the store, loads the key-encryption key, prepares the signing keys and starts
/// the plug-ins; nothing is served until ``run()`` (signals stop it gracefully) or a test framework runs the
/// ``application()``.
public struct AssayServer: Sendable {
    /// The resolved configuration.
    public let configuration: ServerConfiguration
    /// With `tls_attested`: the TLS context serving the certificate minted in this TEE.
    let attestedTLSContext: NIOSSLContext?
    /// The store.
    public let store: Store
    /// The TEEs this service accepts.
    public let enabledTEEs: Set<String>
    let pool: WorkerPool
    let refusals: RefusalLog
    let routes: AssayRoutes
    let metrics: ServerMetrics
    let issuer: IssuerURL
    let services: [any Service]
    let clock: any TimeSource
    let logger: Logger

    /// Wires the service. `verifiers` are every verifier of this build: hardware ones are enabled, development
    /// ones (``EvidenceVerifier/isDevelopmentOnly``) only when ``ServerConfiguration/enabledDevelopmentTEEs``
    /// names them; a plug-in's verifiers replace the defaults for their TEEs.
    public init(
        configuration: ServerConfiguration, verifiers: [any EvidenceVerifier], plugins: [any ServicePlugin] = [],
        policy: any AppraisalPolicy, collateralProvider: (any CollateralProvider)? = nil,
        clock: any TimeSource = SystemTimeSource(), random: any RandomSource = SystemRandomSource(),
        attestedTLSContext: NIOSSLContext? = nil, logger: Logger
    ) async throws {
        guard configuration.tlsAttested == (attestedTLSContext != nil) else {
            throw ConfigurationError(
                setting: "tls_attested", source: "configuration", reason: "tls_attested needs the attested TLS context, and only it")
        }
        self.configuration = configuration
        self.attestedTLSContext = attestedTLSContext
        self.clock = clock
        self.logger = logger
        let development = Set(verifiers.filter(\.isDevelopmentOnly).map(\.tee.rawValue))
        let known = Set(verifiers.map(\.tee.rawValue))
        if let unknown = configuration.enabledDevelopmentTEEs.subtracting(known).sorted().first {
            throw ConfigurationError(
                setting: "enable_tee", source: "configuration",
                reason: "no TEE '\(AuditEntry.cut(unknown, 32))'; development TEEs: \(development.sorted().joined(separator: ", "))")
        }
        // The store that serves runs under the service group (PostgreSQL's pool starts there); migrations, the KEK
        // and the first signing key are prepared on a store of their own, closed before serving.
        store = try await Store.open(configuration.database, sqliteFullSync: configuration.sqliteFullSync, logger: logger)
        let kek = try await Store.open(configuration.database, logger: logger).withRunning { preparation in
            try await preparation.migrate(plugins: plugins.map(\.schema))
            let kek = try await KeyEncryptionKeySource(configuration).load(store: preparation.core, logger: logger)
            do { try SecretEnvelope.checkKEK(opens: try await preparation.core.secrets(under: nil), kek: kek) } catch let error as KeyBrokerError {
                throw ConfigurationError(setting: "kek", source: "the key-encryption key", reason: "\(error)")
            }
            let adopted = try await RowRetagging.adoptUntaggedRows(in: preparation.core, tagger: RowIntegrityKey(kek: kek))
            if adopted > 0 {
                logger.notice("tagged the rows of a database made before integrity tags", metadata: ["rows": "\(adopted)"])
            }
            try await KeyRing.createFirstKey(in: preparation.core, kek: kek, clock: clock, logger: logger)
            return kek
        }
        let integrityKey = RowIntegrityKey(kek: kek)

        let enabled = verifiers.filter { !$0.isDevelopmentOnly || configuration.enabledDevelopmentTEEs.contains($0.tee.rawValue) }
        metrics = ServerMetrics(tees: Set(enabled.map(\.tee.rawValue)))
        issuer = IssuerURL(configuration)
        let keyRing = KeyRing(
            store: store.core, clock: clock, tokenLifetime: configuration.tokenLifetime, metrics: metrics, logger: logger)
        await keyRing.prepare(kek: kek)
        let integrity = RowIntegrity(key: integrityKey, metrics: metrics, logger: logger)
        refusals = RefusalLog(store: store.core, logger: logger, clock: { clock.now() })
        var enabledVerifiers = enabled
        var pluginRoutes: [PluginRoute] = []
        var pluginServices: [any Service] = []
        for plugin in plugins {
            let parts = try await plugin.start(
                PluginContext(
                    configuration: configuration, store: store, kek: kek, integrity: integrity, refusals: refusals,
                    clock: clock, random: random, logger: logger))
            let replaced = Set(parts.verifiers.map(\.tee))
            enabledVerifiers = enabledVerifiers.filter { !replaced.contains($0.tee) }
                + parts.verifiers.filter { verifier in enabled.contains { $0.tee == verifier.tee } }
            pluginRoutes += parts.routes
            pluginServices += parts.services
        }
        enabledTEEs = Set(enabledVerifiers.map(\.tee.rawValue))
        pool = WorkerPool(workers: configuration.workers, capacity: configuration.maxPendingRequests)
        pool.start()
        let referenceValues = ReferenceValueCache(store: store.core, integrity: integrity, clock: clock)
        let attestation = AttestationService(
            nonces: store.core, audit: store.core, keyRing: keyRing, referenceValues: referenceValues,
            verifiers: enabledVerifiers,
            policies: AppraisalPolicies(
                builtIn: policy, store: store.core, configuredID: configuration.appraisalPolicy,
                selectable: configuration.selectablePolicies, integrity: integrity),
            configuration: configuration, issuer: issuer, clock: clock, random: random, metrics: metrics,
            collateralProvider: collateralProvider, logger: logger)
        let release = KeyReleaseService(
            secrets: store.core, audit: store.core, refusals: refusals, keyRing: keyRing,
            resourcePolicies: ResourcePolicies(store: store.core, integrity: integrity), integrity: integrity,
            issuer: issuer, clock: clock, metrics: metrics, logger: logger)
        routes = AssayRoutes(
            attestation: attestation, release: release,
            admin: AdminService(store: store.core, keyRing: keyRing, referenceValues: referenceValues, integrity: integrity, clock: clock),
            keyRing: keyRing, audit: store.core, configuration: configuration, issuer: issuer, metrics: metrics, pool: pool,
            enabledTEEs: enabledTEEs, pluginRoutes: pluginRoutes, openAPIDocument: try OpenAPIDocument.bytes(plugins: plugins),
            logger: logger)
        services = [
            store, pool, refusals,
            PeriodicSweep(of: "expired nonces", every: .seconds(60), logger: logger) { [core = store.core, clock] in
                ["nonces": try await core.deleteExpiredNonces(before: clock.now())]
            },
        ] + pluginServices
        logReady(kek: kek, development: enabledTEEs.intersection(development))
    }

    func logReady(kek: KeyEncryptionKey, development: Set<String>) {
        for tee in development.sorted() {
            logger.warning(
                "development TEE enabled: anyone can make evidence it accepts; never enable it where secrets or tokens matter",
                metadata: ["tee": "\(tee)"])
        }
        if configuration.adminToken != nil, configuration.allowInsecureAdmin, !configuration.usesTLS {
            logger.warning("the admin API takes its bearer token over plain HTTP (--allow-insecure-admin)")
        }
        logger.notice(
            "assay serve ready",
            metadata: [
                "address": "\(configuration.host):\(configuration.port)", "database": "\(configuration.database)",
                "kek_id": "\(kek.identifier)", "tees": "\(enabledTEEs.sorted().joined(separator: ","))",
                "admin_api": "\(configuration.adminToken == nil ? "disabled" : "enabled")",
                "workers": "\(configuration.workers)", "max_connections": "\(configuration.maxConnections)",
            ])
    }

    /// The Hummingbird application (HTTP/1.1, or HTTPS when TLS is configured) with the service's background
    /// services; the store closes when it stops.
    public func application(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        Application(
            router: routes.router(), server: try serverBuilder(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "assay",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            services: services,
            onServerRunning: { [issuer, logger] channel in
                let port = channel.localAddress?.port ?? 0
                issuer.bound(port: port)
                logger.notice("listening", metadata: ["port": "\(port)", "issuer": "\(issuer.current)"])
                await onServerRunning(channel)
            }, logger: logger)
    }

    func serverBuilder() throws -> HTTPServerBuilder {
        func amount(_ duration: Duration) -> TimeAmount {
            let (seconds, attoseconds) = duration.components
            return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
        let (head, body, idle) = (
            amount(configuration.requestHeaderTimeout), amount(configuration.requestTimeout), amount(configuration.idleTimeout)
        )
        var context = attestedTLSContext
        if let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
                let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
                context = try NIOSSLContext(
                    configuration: TLSConfiguration.makeServerConfiguration(certificateChain: certificates, privateKey: .privateKey(key)))
            } catch {
                throw ConfigurationError(setting: "tls", source: "\(certificatePath), \(keyPath)", reason: "cannot load: \(error)")
            }
        }
        let tls = context
        return HTTPServerBuilder { responder in
            HardenedHTTPChannel(responder: responder, tls: tls, headTimeout: head, bodyTimeout: body, idleTimeout: idle)
        }
    }

    /// Closes the store; call after the application stopped when running it yourself without its services.
    public func close() {
        store.close()
    }

    /// Serves until SIGTERM or SIGINT, then finishes the requests in flight (each within its deadline), stops the
    /// background services and closes the store.
    public func run() async throws {
        try await application().runService()
    }
}
