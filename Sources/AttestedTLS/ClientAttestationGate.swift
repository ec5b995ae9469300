public import NIOCore
public import NIOSSL
import NIOTLS

/// Mutual mode, server side: reads the client's SNI (its nonce and key hash, ``FreshnessNonce``) before TLS starts,
/// then judges the client's certificate in the handshake: its evidence must verify, name its key, carry the nonce
/// the client sent and name this server's key as the peer, so a relay cannot splice two sessions.
public struct ClientAttestationGate: Sendable {
    public let verifier: AttestedPeerVerifier
    /// This server's SPKI (the client's evidence must name it).
    public let serverSPKI: [UInt8]
    /// Called with every judgement, for logging.
    public let onJudgement: @Sendable (PeerAttestation) -> Void
    /// Most client certificates judged at the same time: any client can send one, and verifying evidence costs
    /// signatures, chains and an appraisal, so further handshakes are refused until one is done.
    public let maxConcurrentJudgements: Int
    let judging = SharedValue(0)

    /// Eight at once: a few times the cores of a typical confidential VM, with repeat clients answered from cache.
    public static let defaultMaxConcurrentJudgements = 8

    public init(
        verifier: AttestedPeerVerifier, serverSPKI: [UInt8], maxConcurrentJudgements: Int = defaultMaxConcurrentJudgements,
        onJudgement: @escaping @Sendable (PeerAttestation) -> Void
    ) {
        self.verifier = verifier
        self.serverSPKI = serverSPKI
        self.maxConcurrentJudgements = maxConcurrentJudgements
        self.onJudgement = onJudgement
    }

    static let sniReaderName = "assay-sni-reader"

    /// Adds the SNI reader, which then adds the TLS handler that judges the client, to `channel`.
    public func install(on channel: any Channel, context: NIOSSLContext) throws {
        let gate = self
        let sni = SNIHandler { result in
            var request: FreshnessNonce.Request?
            if case .hostname(let name) = result { request = FreshnessNonce.request(inServerName: name) }
            let handler = NIOSSLServerHandler(context: context) { certificates, promise in
                gate.judge(certificates, request: request, promise: promise)
            }
            // After the SNI reader, which passes the ClientHello it held on to the TLS handler when it leaves.
            return channel.eventLoop.makeCompletedFuture {
                let reader = try channel.pipeline.syncOperations.context(name: Self.sniReaderName).handler
                try channel.pipeline.syncOperations.addHandler(handler, position: .after(reader))
            }
        }
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(sni), name: Self.sniReaderName, position: .first)
    }

    func judge(
        _ certificates: [NIOSSLCertificate], request: FreshnessNonce.Request?,
        promise: EventLoopPromise<NIOSSLVerificationResultWithMetadata>
    ) {
        guard let request, let leaf = certificates.first, let der = try? leaf.toDERBytes() else {
            // Without a nonce in SNI the client's evidence cannot be fresh, nor name this session's server.
            promise.succeed(.failed)
            return
        }
        guard judging.admit(below: maxConcurrentJudgements) else {
            onJudgement(
                PeerAttestation(
                    accepted: false, reasons: ["\(maxConcurrentJudgements) client certificates are being judged already"],
                    binding: [:], outcome: nil, tokenClaims: nil))
            promise.succeed(.failed)
            return
        }
        let (verifier, serverSPKI, onJudgement, judging) = (self.verifier, self.serverSPKI, self.onJudgement, self.judging)
        Task {
            defer { judging.release() }
            var attestation: PeerAttestation
            do {
                attestation = try await verifier.judge(
                    certificateDER: der, expecting: PeerExpectation(nonce: request.nonce, ownSPKI: serverSPKI))
            } catch {
                attestation = PeerAttestation(
                    accepted: false, reasons: ["\(error)"], binding: [:], outcome: nil, tokenClaims: nil)
            }
            let named = request.clientKeyHash.map { hash in
                (try? CertificateEvidence(certificateDER: der)).map { hash.names($0.certificate.subjectPublicKeyInfo) } ?? false
            } ?? false
            if attestation.accepted, !named {
                attestation = PeerAttestation(
                    accepted: false, reasons: ["the client's certificate key is not the key it named in SNI"],
                    binding: attestation.binding, outcome: attestation.outcome, tokenClaims: attestation.tokenClaims)
            }
            onJudgement(attestation)
            promise.succeed(attestation.accepted ? .certificateVerified(VerificationMetadata(nil)) : .failed)
        }
    }
}
