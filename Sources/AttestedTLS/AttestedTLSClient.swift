public import NIOCore
import NIOPosix
import NIOSSL
import PKI

/// Opens TLS connections whose server is judged in the handshake: the certificate's evidence must verify, bind
/// the certificate's key and, in fresh mode, carry the nonce this client sent in SNI; otherwise the handshake is
/// aborted. Verification runs off the event loop (the verdict cache makes repeat handshakes cheap).
public struct AttestedTLSClient: Sendable {
    public let verifier: AttestedPeerVerifier
    /// Send a nonce in SNI and require it in the server's certificate (always on in mutual mode).
    public let fresh: Bool
    /// Mutual mode: this side's own attested certificates, minted per connection for the nonce and the server's key.
    public let identity: AttestedCertificateIssuer?
    let configuration: TLSConfiguration
    let context: NIOSSLContext

    public init(verifier: AttestedPeerVerifier, fresh: Bool, identity: AttestedCertificateIssuer? = nil) throws {
        self.verifier = verifier
        self.fresh = fresh || identity != nil
        self.identity = identity
        var configuration = TLSConfiguration.makeClientConfiguration()
        // The callback replaces BoringSSL's chain and name checks; `.none` would skip the callback altogether.
        configuration.certificateVerification = .noHostnameVerification
        // Mutual mode relies on TLS 1.3's order: the server's certificate is judged before the client's is chosen.
        if identity != nil { configuration.minimumTLSVersion = .tlsv13 }
        self.configuration = configuration
        self.context = try NIOSSLContext(configuration: configuration)
    }

    /// The context for one connection: the shared one, or in mutual mode one whose certificate callback mints this
    /// side's certificate for `nonce` and the server key the verification callback recorded.
    func context(nonce: [UInt8]?, serverSPKI: SharedValue<[UInt8]?>) throws -> NIOSSLContext {
        guard let identity, let nonce else { return context }
        var configuration = self.configuration
        configuration.sslContextCallback = { _, promise in
            Task {
                do {
                    guard let spki = serverSPKI.value else {
                        throw AttestedTLSError.connection("the server asked for a certificate before its own was judged")
                    }
                    let issued = try await identity.issue(nonce: nonce, peer: KeyBindingClaims.KeyHash(of: spki))
                    promise.succeed(try AttestedTLSServerContext.override(for: issued))
                } catch {
                    promise.fail(error)
                }
            }
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// A handshake's outcome: the judgement, and the open channel when the server was accepted.
    public struct Connection: Sendable {
        public let channel: (any Channel)?
        public let attestation: PeerAttestation
    }

    /// Connects to `endpoint`, handshakes and judges the server. Throws when no judgement was reached (refused
    /// connection, malformed certificate, unverifiable evidence).
    public func connect(to endpoint: Endpoint, group: any EventLoopGroup) async throws -> Connection {
        let nonce = fresh ? FreshnessNonce.generate() : nil
        let serverName = nonce.map { FreshnessNonce.serverName(for: $0, clientSPKI: identity?.key.spki) }
            ?? Self.serverName(for: endpoint.host)
        let judgement = SharedValue<Result<PeerAttestation, any Error>?>(nil)
        let serverSPKI = SharedValue<[UInt8]?>(nil)
        let (context, verifier) = (try self.context(nonce: nonce, serverSPKI: serverSPKI), self.verifier)
        let expectation = PeerExpectation(nonce: nonce, ownSPKI: identity?.key.spki)
        let handshake = group.next().makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let tls = try NIOSSLClientHandler(
                            context: context, serverHostname: serverName,
                            customVerificationCallbackWithMetadata: { certificates, promise in
                                guard let leaf = certificates.first, let der = try? leaf.toDERBytes() else {
                                    judgement.value = .failure(AttestedTLSError.malformedCertificate("the server sent no certificate"))
                                    promise.succeed(.failed)
                                    return
                                }
                                Task {
                                    do {
                                        let attestation = try await verifier.judge(certificateDER: der, expecting: expectation)
                                        if attestation.accepted {
                                            serverSPKI.value = try X509Certificate(derEncoded: der).subjectPublicKeyInfo
                                        }
                                        judgement.value = .success(attestation)
                                        promise.succeed(attestation.accepted ? .certificateVerified(VerificationMetadata(nil)) : .failed)
                                    } catch {
                                        judgement.value = .failure(error)
                                        promise.succeed(.failed)
                                    }
                                }
                            })
                        try channel.pipeline.syncOperations.addHandler(tls)
                        try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(promise: handshake), name: HandshakeWatcher.name)
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            handshake.fail(error)
            throw AttestedTLSError.connection("cannot connect to \(endpoint): \(error)")
        }
        do {
            try await handshake.futureResult.get()
        } catch {
            try? await channel.close()
            switch judgement.value {
            case .success(let attestation)?: return Connection(channel: nil, attestation: attestation)
            case .failure(let failure)?: throw failure
            case nil: throw AttestedTLSError.connection("TLS handshake with \(endpoint) failed before its certificate was judged: \(error)")
            }
        }
        guard case .success(let attestation)? = judgement.value else {
            try? await channel.close()
            throw AttestedTLSError.connection("the handshake with \(endpoint) completed without a judgement")
        }
        return Connection(channel: channel, attestation: attestation)
    }

    /// SNI for a host name; none for an IP address (RFC 6066 forbids literal addresses in SNI).
    static func serverName(for host: String) -> String? {
        host.contains(":") || host.split(separator: ".").allSatisfy({ Int($0) != nil }) ? nil : host
    }
}
