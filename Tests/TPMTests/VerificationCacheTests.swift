import AttestationCore
import AssayTestSupport
import Crypto
import Foundation
import Testing
import TPM
import TPMDevice

/// What ``TPMVerifier`` caches (AKs, trust stores, certificates, event logs, PCR claims) is keyed by exact bytes and
/// never decides a verdict: a bad quote after a good one from the same AK, on the same verifier, is still rejected
/// by the same check, and the good one verifies the same again afterwards.
@Suite struct VerificationCacheTests {
    @Test(arguments: [false, true])
    func badQuotesAfterAGoodOneFromTheSameAKAreRejected(ecc: Bool) async throws {
        let verifier = TPMVerifier()
        let fixture = try TPMFixture(ecc: ecc)
        let quote = try fixture.quote()
        let good = try await verifier.verify(fixture.evidence(quote), context: fixture.context())
        #expect(good.isValid, "\(good.failures)")

        var forged = fixture.evidence(quote)
        var signature = quote.signature.bytes
        signature[signature.count - 1] ^= 0x01
        forged.attachments[TPMEvidence.Attachment.signature.rawValue] = signature
        var values = fixture.values
        values[.sha256, 3] = [UInt8](repeating: 0x33, count: 32)
        let stale = try fixture.quote(extraData: RuntimeData(json: ["nonce": "stale"]).reportData(for: .sha256))
        let cases: [(Evidence, [String])] = [
            (forged, ["quote_signature"]),
            (fixture.evidence(quote, values: values), ["quote_pcr_digest"]),
            (fixture.evidence(stale), ["report_data_binding"]),
        ]
        for (evidence, failures) in cases {
            let verdict = try await verifier.verify(evidence, context: fixture.context())
            #expect(verdict.failures.map(\.check) == failures)
        }
        let changed = try await verifier.verify(fixture.evidence(quote, values: values), context: fixture.context())
        #expect(changed.claims["pcrs"] == .object([:]), "the PCR claims of the good quote were reused")

        let again = try await verifier.verify(fixture.evidence(quote), context: fixture.context())
        #expect(again.isValid)
        #expect(again.claims == good.claims)
        #expect(again.passedChecks == good.passedChecks)
    }

    /// A quote signed by another key, presented with the AK the verifier already knows, fails its signature.
    @Test func aQuoteByAnotherKeyUnderAKnownAKIsRejected() async throws {
        let verifier = TPMVerifier()
        let fixture = try TPMFixture(ecc: true)
        let known = try await verifier.verify(fixture.evidence(try fixture.quote()), context: fixture.context())
        #expect(known.isValid, "\(known.failures)")
        let other = try TPMFixture(ecc: true)
        var evidence = other.evidence(try other.quote())
        evidence.attachments[TPMEvidence.Attachment.akPublic.rawValue] = fixture.signer.publicArea.sizedBytes
        let verdict = try await verifier.verify(evidence, context: fixture.context())
        #expect(verdict.failures.map(\.check) == ["quote_signature"])
    }
}

/// The same on the GCE vectors: certificates, the trust store and the event log of the genuine attestation are
/// cached when its tampered copies arrive.
@Suite(.sharedVectors) struct VectorCacheTests {
    @Test func tamperedGCECopiesAfterTheGenuineOneAreRejected() async throws {
        let verifier = TPMVerifier()
        let genuine = try SharedVectors.vector("tpm-gce-cos85-nonce9009")
        let first = try await verifier.verify(try Self.evidence(genuine), context: try Self.context(genuine))
        #expect(first.isValid, "\(first.failures)")
        let expected: [String: Set<String>] = [
            "tpm-gce-cos85-nonce9009__extradata": ["quote_sha1_signature"],
            "tpm-gce-cos85-nonce9009__quote-signature": ["quote_sha1_signature"],
            "tpm-gce-cos85-nonce9009__eventlog": ["event_log_replay_sha1"],
            "tpm-gce-cos85-nonce9009__swap-intermediate": ["ak_certificate_chain"],
        ]
        for (id, failures) in expected.sorted(by: { $0.key < $1.key }) {
            let vector = try SharedVectors.vector(id)
            let verdict = try await verifier.verify(try Self.evidence(vector), context: try Self.context(vector))
            #expect(Set(verdict.failures.map(\.check)) == failures, "\(id): \(verdict.failures)")
        }
        let again = try await verifier.verify(try Self.evidence(genuine), context: try Self.context(genuine))
        #expect(again.isValid)
        #expect(again.claims == first.claims)
        #expect(again.passedChecks == first.passedChecks)
        #expect(again.notes == first.notes)
    }

    static func evidence(_ vector: SharedVectors.Vector) throws -> Evidence {
        Evidence(tee: .tpm, bytes: try #require(try vector.bytes("attestation")))
    }

    static func context(_ vector: SharedVectors.Vector) throws -> VerificationContext {
        let collateral = try vector.files("ca").map { CollateralItem(source: $0.lastPathComponent, bytes: Array(try Data(contentsOf: $0))) }
        return VerificationContext(asOf: vector.suggestedAsOf ?? Date(), collateral: collateral)
    }
}
