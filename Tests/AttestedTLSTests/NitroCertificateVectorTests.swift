import AssayTestSupport
import AttestationCore
import AttestedTLS
import Crypto
import Foundation
import Testing

/// Evervault's Nitro TLS certificates (`nitro/evervault_beta_*_tls_cert_with_doc.pem`): the attestation document
/// in a subjectAltName dNSName verifies as of its `suggested_as_of`, and its `user_data` is the certificate's SPKI.
@Suite(.sharedVectors)
struct NitroCertificateVectorTests {
    static let ids = ["nitro-evervault-beta-nondebug-tls-cert-with-doc", "nitro-evervault-beta-debug-tls-cert-with-doc"]

    @Test func everyNitroTLSCertificateIsAVectorHere() throws {
        let found = try SharedVectors.platform("nitro").filter { $0.file("tls_cert") != nil }.map(\.id)
        #expect(found.sorted() == Self.ids.sorted())
    }

    @Test(arguments: ids)
    func theDocumentVerifiesAndBindsTheKey(_ id: String) async throws {
        let vector = try SharedVectors.vector(id)
        let file = try #require(vector.json["files"]?["tls_cert"]?.stringValue)
        let der = try RealPeer.certificate(file)
        let asOf = try #require(vector.suggestedAsOf)
        let attestation = try await AttestedPeerVerifier(policy: try RealPeer.policy(asOf: asOf)).judge(certificateDER: der)
        let outcome = try #require(attestation.outcome)
        #expect(outcome.verdict.isValid == vector.expectedValid, "\(outcome.verdict.failures)")
        #expect(outcome.verdict.tee == .nitro)
        #expect(attestation.binding["carrier"] == "nitro-subject-alt-name")
        #expect(attestation.binding["rule"] == "user_data = SPKI DER")
        let userData = try #require(vector.fields["user_data"]?.stringValue)
        #expect(attestation.binding["spki_sha256"]?.stringValue == Hex.encode(SHA256.hash(data: try Hex.decode(userData))))
        #expect(outcome.verdict.claims["module_id"] == vector.fields["module_id"])
        let debug = try #require(vector.fields["debug_mode_pcr0_zero"]?.boolValue as Bool?)
        // A debug enclave (PCR0 zero) contraindicates the configuration under the default policy; the other is a
        // warning (no reference values for its PCRs), which is accepted.
        #expect(attestation.accepted == !debug, "\(attestation.reasons)")
        if debug {
            #expect(attestation.reasons.first?.contains("debug_disabled") == true, "\(attestation.reasons)")
        }
    }

    /// An hour past its leaf certificate's three hours, the document no longer verifies.
    @Test func aDocumentExpiresWithItsCertificate() async throws {
        let vector = try SharedVectors.vector(Self.ids[0])
        let der = try RealPeer.certificate(try #require(vector.json["files"]?["tls_cert"]?.stringValue))
        let later = try #require(vector.suggestedAsOf).addingTimeInterval(4 * 3600)
        let attestation = try await AttestedPeerVerifier(policy: try RealPeer.policy(asOf: later)).judge(certificateDER: der)
        #expect(!attestation.accepted)
        #expect(attestation.outcome?.verdict.failures.map(\.check) == ["nitro_chain_validity"])
    }
}
