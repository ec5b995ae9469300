import Appraisal
import Attestation
import AttestationCore
import AttestedTLS
import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SampleTEE
import SwiftASN1
import X509

extension BenchmarkSuite {
    /// Attested TLS: full handshakes (TCP connect, TLS 1.3, close) against an attested Sample TEE certificate whose
    /// verdict is cached, vs. handshakes against an ordinary certificate checked by BoringSSL, both sides in this
    /// process on one event loop.
    public static func tls() throws -> BenchmarkSuite {
        let fixture = try TLSBenchmarkFixture()
        return BenchmarkSuite(
            name: "tls",
            summary: "TLS handshakes per second: attested (cached verdict) vs. plain, client and server on one core",
            cases: [
                Case(name: "plain TLS handshake (baseline)") { try await fixture.plainHandshake() },
                Case(name: "attested TLS handshake, cached verdict") { try await fixture.attestedHandshake() },
            ])
    }
}

/// The servers and clients of the TLS benchmark, started on first use.
actor TLSBenchmarkFixture {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let attester: SampleAttester
    var started: (plainPort: Int, attestedPort: Int, plainClient: NIOSSLContext, attestedClient: AttestedTLSClient)?

    init() throws {
        attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
    }

    func start() async throws -> (plainPort: Int, attestedPort: Int, plainClient: NIOSSLContext, attestedClient: AttestedTLSClient) {
        if let started { return started }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("localhost") }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: Date().addingTimeInterval(-60),
            notValidAfter: Date().addingTimeInterval(3600), issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { Critical(BasicConstraints.notCertificateAuthority) },
            issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let plainCertificate = try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
        let plainServer = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(plainCertificate)],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem))))
        var clientConfiguration = TLSConfiguration.makeClientConfiguration()
        clientConfiguration.trustRoots = .certificates([plainCertificate])
        clientConfiguration.certificateVerification = .noHostnameVerification
        let plainClient = try NIOSSLContext(configuration: clientConfiguration)

        let store = AttestedCertificateStore(
            issuer: AttestedCertificateIssuer(key: .generate(.p256), source: SampleCertificateSource(attester: attester)))
        let attestedServer = try await AttestedTLSServerContext.make(store: store, fresh: false)
        let policy = PeerVerificationPolicy(
            pipeline: AttestationPipeline(
                verifiers: [SampleVerifier()], appraiser: Appraiser(policy: try RegoAppraisalPolicy.standard(), referenceValues: ReferenceValueSet()),
                signingKey: nil, build: "assay bench"),
            cacheLifetime: 3600)
        let attestedClient = try AttestedTLSClient(verifier: AttestedPeerVerifier(policy: policy), fresh: false)
        let ports = (try await listen(plainServer), try await listen(attestedServer))
        let result = (ports.0, ports.1, plainClient, attestedClient)
        started = result
        return result
    }

    /// A listener that completes handshakes and nothing else.
    func listen(_ context: NIOSSLContext) async throws -> Int {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return channel.localAddress?.port ?? 0
    }

    func plainHandshake() async throws {
        let (port, _, context, _) = try await start()
        let handshake = group.next().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                    try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(promise: handshake))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await handshake.futureResult.get()
        try await channel.close()
    }

    func attestedHandshake() async throws {
        let (_, port, _, client) = try await start()
        let connection = try await client.connect(to: Endpoint(host: "127.0.0.1", port: port), group: group)
        guard connection.attestation.accepted, let channel = connection.channel else {
            throw BenchmarkError.unexpectedResult("the attested peer was refused: \(connection.attestation.summary)")
        }
        try await channel.close()
    }
}
