import AttestationCore
import AttestedTLS
import Crypto
import Foundation
import Nitro
import SampleTEE
import Testing

/// Judging certificates minted over Sample-TEE evidence: a genuine one is accepted; a relay's copy, a replay in fresh
/// mode, a certificate minted for another peer, evidence naming another key or binding other claims, and evidence
/// of a TEE this side does not accept are refused with the reason; the verdict cache answers repeats only.
struct AttestedPeerVerifierTests {
    static func verifier() throws -> AttestedPeerVerifier { AttestedPeerVerifier(policy: try SamplePeer.policy()) }

    /// The CMW (and TCG) extensions of a certificate, byte-exact.
    static func evidenceExtensions(of der: [UInt8]) throws -> [TestCertificate.Extension] {
        let carriers = [EvidenceCarrier.cmw.oid, EvidenceCarrier.tcgTaggedEvidence.oid]
        let found = try CertificateEvidence(certificateDER: der).certificate.extensions.filter { carriers.contains($0.oid) }
        try #require(!found.isEmpty)
        return found.map { TestCertificate.Extension(oid: $0.oid, value: $0.value) }
    }

    /// A certificate for `key` whose CMW collection holds evidence bound to `bound` but presents `presented`.
    static func certificate(key: P256.Signing.PrivateKey, bound: KeyBindingClaims, presented: KeyBindingClaims) async throws -> [UInt8] {
        let evidence = try await SampleEvidenceSource().evidence(bindingRuntimeData: try RuntimeData(bytes: bound.encoded))
        let collection = AssayCMW(evidence: evidence, claims: presented)
        return try TestCertificate.selfSigned(
            key: key, extensions: [.init(oid: EvidenceCarrier.cmw.oid, value: collection.wrapper.encoded)])
    }

    /// (a) A certificate the issuer minted is accepted: the CMW collection's evidence verifies, binds the claims, and
    /// the claims name the certificate's key. Sample evidence appraises as warning under the default policy.
    @Test func aMintedCertificateIsAccepted() async throws {
        let issuer = try SamplePeer.issuer()
        let minted = try await issuer.issue()
        let attestation = try await Self.verifier().judge(certificateDER: minted.der)
        #expect(attestation.accepted, "\(attestation.reasons)")
        #expect(attestation.reasons.isEmpty)
        let outcome = try #require(attestation.outcome)
        #expect(outcome.verdict.isValid)
        #expect(outcome.verdict.tee == .sample)
        #expect(outcome.appraisal.status == .warning)
        #expect(attestation.binding["carrier"] == "id-pe-cmw")
        #expect(attestation.binding["key_hash"]?.stringValue == "sha-256:" + Hex.encode(SHA256.hash(data: issuer.key.spki)))
        #expect(attestation.binding["nonce"] == nil)
        #expect(attestation.json["accepted"] == .bool(true))
        #expect(attestation.json["valid"] == .bool(true))
        #expect(try CertificateEvidence(certificateDER: minted.der).carriersPresent == [.cmw])
    }

    /// (b) A relay presents the genuine certificate's evidence, byte for byte, under its own key: the evidence still
    /// verifies, but it names the genuine key.
    @Test func aRelaysCopyOfTheEvidenceIsRefused() async throws {
        let genuine = try await SamplePeer.issuer().issue()
        let relayKey = P256.Signing.PrivateKey()
        let relayed = try TestCertificate.selfSigned(key: relayKey, extensions: try Self.evidenceExtensions(of: genuine.der))
        let attestation = try await Self.verifier().judge(certificateDER: relayed)
        #expect(!attestation.accepted)
        #expect(attestation.reasons.count == 1)
        #expect(attestation.reasons.first?.contains("binds another key") == true, "\(attestation.reasons)")
        #expect(attestation.reasons.first?.contains(Hex.encode(SHA256.hash(data: TestCertificate.spki(relayKey)))) == true)
        #expect(attestation.outcome?.verdict.isValid == true, "the evidence itself is genuine")
    }

    /// (c) Fresh mode: the claims must carry this connection's nonce.
    @Test func freshModeRequiresThisConnectionsNonce() async throws {
        let issuer = try SamplePeer.issuer()
        let nonce = Array(SHA256.hash(data: Array("connection X".utf8)))
        let other = Array(SHA256.hash(data: Array("connection Y".utf8)))
        let verifier = try Self.verifier()
        for minted in [try await issuer.issue(nonce: other), try await issuer.issue()] {
            let attestation = try await verifier.judge(certificateDER: minted.der, expecting: PeerExpectation(nonce: nonce))
            #expect(!attestation.accepted)
            #expect(attestation.reasons.count == 1)
            #expect(attestation.reasons.first?.hasPrefix("not fresh") == true, "\(attestation.reasons)")
        }
        let fresh = try await issuer.issue(nonce: nonce)
        let attestation = try await verifier.judge(certificateDER: fresh.der, expecting: PeerExpectation(nonce: nonce))
        #expect(attestation.accepted, "\(attestation.reasons)")
        #expect(attestation.binding["nonce"]?.stringValue == Hex.encode(nonce))
    }

    /// (d) Mutual mode: the claims must name this side's key as the peer.
    @Test func mutualModeRequiresThisSidesKeyAsThePeer() async throws {
        let issuer = try SamplePeer.issuer()
        let own = TestCertificate.spki(P256.Signing.PrivateKey())
        let stranger = TestCertificate.spki(P256.Signing.PrivateKey())
        let verifier = try Self.verifier()
        let expectation = PeerExpectation(ownSPKI: own)
        for minted in [try await issuer.issue(), try await issuer.issue(peer: .init(of: stranger))] {
            let attestation = try await verifier.judge(certificateDER: minted.der, expecting: expectation)
            #expect(!attestation.accepted)
            #expect(attestation.reasons.count == 1)
            #expect(attestation.reasons.first?.hasPrefix("the evidence was not minted for this peer") == true, "\(attestation.reasons)")
        }
        let forUs = try await issuer.issue(peer: .init(of: own))
        let attestation = try await verifier.judge(certificateDER: forUs.der, expecting: expectation)
        #expect(attestation.accepted, "\(attestation.reasons)")
        #expect(attestation.binding["peer_key_hash"]?.stringValue == KeyBindingClaims.KeyHash(of: own).description)
        let both = try await issuer.issue(nonce: [1, 2, 3], peer: .init(of: own))
        let fresh = try await verifier.judge(certificateDER: both.der, expecting: PeerExpectation(nonce: [1, 2, 3], ownSPKI: own))
        #expect(fresh.accepted, "\(fresh.reasons)")
    }

    /// (e) Evidence whose claims name another key (genuinely bound to those claims) is refused.
    @Test func evidenceNamingAnotherKeyIsRefused() async throws {
        let key = P256.Signing.PrivateKey()
        let claims = KeyBindingClaims(publicKeyHash: .init(of: TestCertificate.spki(P256.Signing.PrivateKey())))
        let der = try await Self.certificate(key: key, bound: claims, presented: claims)
        let attestation = try await Self.verifier().judge(certificateDER: der)
        #expect(!attestation.accepted)
        #expect(attestation.reasons.count == 1)
        #expect(attestation.reasons.first?.contains("binds another key") == true, "\(attestation.reasons)")
        #expect(attestation.outcome?.verdict.isValid == true)
    }

    /// (e) Evidence bound to other claims than the collection presents (claims naming this key swapped in) fails the
    /// report-data binding.
    @Test func claimsTheEvidenceDoesNotBindAreRefused() async throws {
        let key = P256.Signing.PrivateKey()
        let bound = KeyBindingClaims(publicKeyHash: .init(of: TestCertificate.spki(P256.Signing.PrivateKey())))
        let presented = KeyBindingClaims(publicKeyHash: .init(of: TestCertificate.spki(key)))
        let der = try await Self.certificate(key: key, bound: bound, presented: presented)
        let attestation = try await Self.verifier().judge(certificateDER: der)
        #expect(!attestation.accepted)
        #expect(attestation.outcome?.verdict.failures.map(\.check) == ["report_data_binding"])
        #expect(attestation.reasons.count == 1)
        #expect(
            attestation.reasons.first?.hasPrefix("the evidence does not bind this certificate's key (report_data_binding") == true,
            "\(attestation.reasons)")
    }

    /// (f) Evidence of a TEE this side does not accept is refused, naming the option that would accept it; nothing is
    /// verified.
    @Test func evidenceOfADisabledTEEIsRefused() async throws {
        let minted = try await SamplePeer.issuer().issue()
        let policy = try SamplePeer.policy(verifiers: [NitroVerifier()])
        let attestation = try await AttestedPeerVerifier(policy: policy).judge(certificateDER: minted.der)
        #expect(!attestation.accepted)
        #expect(attestation.outcome == nil)
        #expect(attestation.reasons == [AttestedTLSError.teeNotEnabled(.sample, enabled: [.nitro]).description])
        #expect(attestation.reasons.first?.contains("--enable-tee sample") == true)
    }

    /// (g) An ordinary certificate carries no evidence: judging it throws (it cannot be evaluated), and so does a
    /// certificate that is not one.
    @Test func anOrdinaryCertificateCannotBeJudged() async throws {
        let ordinary = try TestCertificate.selfSigned(key: P256.Signing.PrivateKey(), extensions: [])
        let verifier = try Self.verifier()
        await #expect(throws: AttestedTLSError.noEvidence) { try await verifier.judge(certificateDER: ordinary) }
        let error = await #expect(throws: AttestedTLSError.self) { try await verifier.judge(certificateDER: Array("not DER".utf8)) }
        guard case .malformedCertificate = error else {
            Issue.record("expected malformedCertificate, got \(String(describing: error))")
            return
        }
        #expect(verifier.cachedCount == 0)
    }

    /// (h) The second judgement of the same certificate with the same expectation is the cached verdict; another
    /// expectation, or the end of the cache lifetime, verifies again.
    @Test func repeatsAreAnsweredFromTheCache() async throws {
        let counting = CountingVerifier()
        let verifier = AttestedPeerVerifier(policy: try SamplePeer.policy(verifiers: [counting]))
        let minted = try await SamplePeer.issuer().issue()
        let now = Date()
        let first = try await verifier.judge(certificateDER: minted.der, now: now)
        #expect(first.accepted, "\(first.reasons)")
        #expect(counting.count == 1)
        let second = try await verifier.judge(certificateDER: minted.der, now: now.addingTimeInterval(1))
        #expect(second.accepted)
        #expect(counting.count == 1, "a repeat verified again")
        #expect(verifier.cachedCount == 1)

        let fresh = try await verifier.judge(certificateDER: minted.der, expecting: PeerExpectation(nonce: [1]), now: now)
        #expect(!fresh.accepted)
        #expect(counting.count == 2, "another expectation was answered from the cache")
        #expect(verifier.cachedCount == 2)

        let later = now.addingTimeInterval(verifier.policy.cacheLifetime + 1)
        _ = try await verifier.judge(certificateDER: minted.der, now: later)
        #expect(counting.count == 3, "an expired verdict was reused")
    }
}
