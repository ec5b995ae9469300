import AttestationCore
@testable import AttestedTLS
import NIOCore
import NIOPosix
import NIOSSL
import Testing

/// What any client can make a server do costs bounded work: fresh certificates minted at once (each costs a TEE
/// report), and client certificates judged at once in mutual mode.
@Suite struct AttestedTLSBoundsTests {
    /// Sample evidence that takes a while, as a TEE report does.
    struct SlowSource: EvidenceSource {
        let inner: SampleEvidenceSource
        var tee: TEEKind { .sample }

        func evidence(bindingRuntimeData runtimeData: RuntimeData) async throws -> Evidence {
            try await Task.sleep(for: .milliseconds(300))
            return try await inner.evidence(bindingRuntimeData: runtimeData)
        }
    }

    @Test func freshCertificatesBeyondTheMintingBoundAreRefusedAtOnce() async throws {
        let store = AttestedCertificateStore(
            issuer: AttestedCertificateIssuer(key: .generate(.p256), source: SlowSource(inner: try SampleEvidenceSource())),
            maxConcurrentMints: 2)
        _ = try await store.certificate()
        let outcomes = await withTaskGroup(of: String?.self) { group in
            for index in 0..<5 {
                group.addTask {
                    do {
                        _ = try await store.certificate(nonce: [UInt8(index)])
                        return nil
                    } catch { return "\(error)" }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 2, "\(outcomes)")
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0.contains("2 fresh certificates are being minted already") }, "\(outcomes)")
        _ = try await store.certificate(nonce: [9])
    }

    @Test func aMutualServerJudgesNoMoreClientsThanItsBoundAndNoneWithoutANonce() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let minted = try await SamplePeer.issuer().issue(nonce: [1])
        let certificate = try NIOSSLCertificate(bytes: minted.der, format: .der)
        let judged = SharedValue<[PeerAttestation]>([])
        func gate(limit: Int) throws -> ClientAttestationGate {
            ClientAttestationGate(
                verifier: AttestedPeerVerifier(policy: try SamplePeer.policy()), serverSPKI: minted.key.spki,
                maxConcurrentJudgements: limit, onJudgement: { attestation in judged.value.append(attestation) })
        }

        let full = group.next().makePromise(of: NIOSSLVerificationResultWithMetadata.self)
        try gate(limit: 0).judge([certificate], request: .init(nonce: [1], clientKeyHash: nil), promise: full)
        #expect(try await full.futureResult.get() == .failed)
        #expect(judged.value.first?.reasons == ["0 client certificates are being judged already"])

        let withoutNonce = group.next().makePromise(of: NIOSSLVerificationResultWithMetadata.self)
        try gate(limit: 8).judge([certificate], request: nil, promise: withoutNonce)
        #expect(try await withoutNonce.futureResult.get() == .failed)

        let admitted = group.next().makePromise(of: NIOSSLVerificationResultWithMetadata.self)
        try gate(limit: 8).judge([certificate], request: .init(nonce: [1], clientKeyHash: nil), promise: admitted)
        #expect(try await admitted.futureResult.get() == .failed, "judged, and refused: it names no peer key")
        #expect(judged.value.last?.reasons.first?.hasPrefix("the evidence was not minted for this peer") == true)
    }
}
