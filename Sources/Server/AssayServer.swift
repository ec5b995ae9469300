public import Appraisal
public import AttestationCore
public import Hummingbird
public import Logging
import HummingbirdTLS
import HummingbirdCore
public import NIOCore
import ServiceLifecycle
import NIOSSL
public import Storage
import Foundation
import KeyBroker
import TPM

/// `assay serve`: the attestation service, assembled from its configuration.
///
/// Construct it, then either ``run()`` it (signals stop it gracefully) or build the ``application()`` to run it
/// under a test framework.
public struct AssayServer: Sendable {
    /// The resolved configuration.
    public let configuration: ServerConfiguration
    /// The store.
    public let store: any AssayStore
    let storeService: PostgresStore?
    let keyRing: KeyRing
    let service: AttestationService
    let routes: AssayRoutes
    let metrics: ServerMetrics
    let issuer: IssuerURL
    let logger: Logger

    /// Opens the store and wires the service with a fixed set of verifiers; nothing is served yet.
    public init(
        configuration: ServerConfiguration, verifiers: [any EvidenceVerifier], policy: any AppraisalPolicy,
        collateralProvider: (any CollateralProvider)? = nil, clock: any TimeSource = SystemTimeSource(),
        random: any RandomSource = SystemRandomSource(), logger: Logger
    ) async throws {
        try await self.init(
            configuration: configuration, verifiers: { _ in verifiers }, policy: policy, collateralProvider: collateralProvider,
            clock: clock, random: random, logger: logger)
    }

    /// Opens the store and wires the service, building the verifiers with what they share with the server (the
    /// store-backed TPM attestation-key registry, the TPM EK CAs); nothing is served yet.
    public init(
        configuration: ServerConfiguration, verifiers makeVerifiers: (VerifierEnvironment) throws -> [any EvidenceVerifier],
        policy: any AppraisalPolicy, collateralProvider: (any CollateralProvider)? = nil,
        clock: any TimeSource = SystemTimeSource(), random: any RandomSource = SystemRandomSource(), logger: Logger
    ) async throws {
        self.configuration = configuration
        self.logger = logger
        let tpmRoots = try configuration.tpmEKRootsPath.map(TPMEndorsementRoots.load(path:))
        let opened = try await StoreFactory.open(
            configuration.database, sqliteFullSync: configuration.sqliteFullSync, logger: logger)
        store = opened.store
        storeService = opened.service
        metrics = ServerMetrics()
        issuer = IssuerURL(configuration)
        keyRing = KeyRing(store: store, clock: clock, tokenLifetime: configuration.tokenLifetime, logger: logger)
        let referenceValues = ReferenceValueCache(store: store, clock: clock)
        let attestationKeys = StoredAttestationKeyRegistry(store: store, lifetime: configuration.tpmAKLifetime, clock: clock)
        service = AttestationService(
            store: store, keyRing: keyRing, referenceValues: referenceValues,
            verifiers: try makeVerifiers(VerifierEnvironment(attestationKeys: attestationKeys, tpmRoots: tpmRoots)),
            policies: AppraisalPolicies(builtIn: policy, store: store, configuredID: configuration.appraisalPolicy),
            configuration: configuration, issuer: issuer, clock: clock, random: random, metrics: metrics,
            collateralProvider: collateralProvider, logger: logger)
        let keyRelease = KeyReleaseService(
            store: store, keyRing: keyRing, resourcePolicies: ResourcePolicyCache(store: store), issuer: issuer,
            clock: clock, metrics: metrics, logger: logger)
        let tpmEnrollment = TPMEnrollmentService(
            store: store, keyRing: keyRing, registry: attestationKeys, roots: tpmRoots, lifetime: configuration.nonceLifetime,
            clock: clock, random: random, logger: logger)
        routes = AssayRoutes(
            service: service, keyRelease: keyRelease, tpmEnrollment: tpmEnrollment, store: store, keyRing: keyRing,
            referenceValues: referenceValues,
            configuration: configuration, issuer: issuer, metrics: metrics, openAPIDocument: try OpenAPIDocument.bytes(), logger: logger)
    }

    /// Migrates the store and prepares the signing keys; runs before the server accepts connections.
    func prepare() async throws {
        try await store.migrate()
        let kek = try await KeyEncryptionKeySource(configuration).load(store: store, logger: logger)
        try await keyRing.prepare(kek: kek)
        do { try SecretEnvelope.checkKEK(opens: try await store.secrets(under: nil), kek: kek) } catch let error as KeyBrokerError {
            throw ConfigurationError(setting: "kek", source: "the key-encryption key", reason: "\(error)")
        }
        logger.notice(
            "assay serve ready",
            metadata: [
                "address": "\(configuration.host):\(configuration.port)", "database": "\(configuration.database)",
                "kek_id": "\(kek.identifier)",
                "admin_api": "\(configuration.adminToken == nil ? "disabled" : "enabled")",
                "tpm_ek_roots": "\(configuration.tpmEKRootsPath ?? "none (TPM attestation-key enrollment is refused)")",
            ])
    }

    /// The Hummingbird application (HTTP/1.1, or HTTPS when TLS is configured).
    public func application(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        var services: [any Service] = [
            ExpirySweeper(
                store: store, clock: service.clock, tpmAKLifetime: configuration.tpmAKLifetime, interval: .seconds(60),
                logger: logger)
        ]
        if let storeService { services.insert(storeService, at: 0) }
        var application = Application(
            router: routes.router(), server: try serverBuilder(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "assay"),
            services: services,
            onServerRunning: { [issuer, logger] channel in
                let port = channel.localAddress?.port ?? 0
                issuer.bound(port: port)
                logger.notice("listening", metadata: ["port": "\(port)", "issuer": "\(issuer.current)"])
                await onServerRunning(channel)
            }, logger: logger)
        let server = self
        application.beforeServerStarts { try await server.prepare() }
        return application
    }

    func serverBuilder() throws -> HTTPServerBuilder {
        guard let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath else {
            return HTTPServerBuilder { responder in EventLoopPinnedChannel(base: HTTP1Channel(responder: responder)) }
        }
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            let tls = TLSConfiguration.makeServerConfiguration(certificateChain: certificates, privateKey: .privateKey(key))
            return HTTPServerBuilder { responder in
                EventLoopPinnedChannel(base: try TLSChannel(HTTP1Channel(responder: responder), tlsConfiguration: tls))
            }
        } catch {
            throw ConfigurationError(setting: "tls", source: "\(certificatePath), \(keyPath)", reason: "cannot load: \(error)")
        }
    }

    /// Serves until SIGTERM or SIGINT, then drains, stops and closes the store.
    public func run() async throws {
        do {
            try await application().runService()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// Closes the store; call after the application stopped when running it yourself.
    public func close() async throws {
        try await store.close()
    }
}
