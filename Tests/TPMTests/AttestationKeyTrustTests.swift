import AttestationCore
import Crypto
import Foundation
import Testing
import TPM
import X509

/// How an AK certificate is trusted: it must be meant for an attestation key, and it chains to the AK CAs, which a
/// verifier configures apart from the EK CAs.
@Suite struct AttestationKeyTrustTests {
    static let aikUsage = ExtendedKeyUsage.Usage(oid: [2, 23, 133, 8, 3])
    static let ekUsage = ExtendedKeyUsage.Usage(oid: [2, 23, 133, 8, 1])

    /// The verdict on a fixture quote carrying `certificate` as its AK certificate.
    func verify(
        _ fixture: TPMFixture, akCertificate certificate: [UInt8], verifier: TPMVerifier = TPMVerifier(),
        anchors: [TrustAnchor]? = nil
    ) async throws -> Verdict {
        let evidence = fixture.evidence(
            try fixture.quote(), attachments: [TPMEvidence.Attachment.akCertificate.rawValue: certificate])
        var context = fixture.context()
        context.trustAnchors = anchors
        return try await verifier.verify(evidence, context: context)
    }

    @Test func anAKCertificateMustCertifyASigningKeyForAttestation() async throws {
        let fixture = try TPMFixture(ecc: true)
        let ca = try TestCA(name: "AK CA")
        let spki = try fixture.signer.publicArea.subjectPublicKeyInfo()
        let accepted: [[UInt8]] = [
            try ca.issue(subjectPublicKeyInfo: spki),
            try ca.issue(subjectPublicKeyInfo: spki, extendedKeyUsage: try ExtendedKeyUsage([Self.aikUsage])),
            try ca.issue(subjectPublicKeyInfo: spki, keyUsage: KeyUsage(digitalSignature: true)),
        ]
        for certificate in accepted {
            let verdict = try await verify(fixture, akCertificate: certificate, anchors: [ca.anchor])
            #expect(verdict.isValid, "\(verdict.failures)")
            #expect(verdict.passedChecks.contains("ak_certificate_purpose"))
        }
        let refused: [([UInt8], String)] = [
            (try ca.issue(subjectPublicKeyInfo: spki, extendedKeyUsage: try ExtendedKeyUsage([Self.ekUsage])), "tcg-kp-AIKCertificate"),
            (try ca.issue(subjectPublicKeyInfo: spki, extendedKeyUsage: try ExtendedKeyUsage([.serverAuth])), "tcg-kp-AIKCertificate"),
            (try ca.issue(subjectPublicKeyInfo: spki, keyUsage: KeyUsage(keyEncipherment: true)), "digitalSignature"),
            (try ca.issue(subjectPublicKeyInfo: spki, isCA: true), "CA certificate"),
        ]
        for (certificate, problem) in refused {
            let verdict = try await verify(fixture, akCertificate: certificate, anchors: [ca.anchor])
            #expect(verdict.failures.map(\.check) == ["ak_certificate_purpose"])
            #expect(verdict.failures.first?.observed.contains(problem) == true, "\(verdict.failures)")
        }
    }

    /// A CA configured for EK certificates does not certify AKs; one configured for AKs does.
    @Test func akCertificatesChainToTheAKRootsNotTheEKRoots() async throws {
        let fixture = try TPMFixture(ecc: true)
        let ekCA = try TestCA(name: "EK CA")
        let akCA = try TestCA(name: "AK CA")
        let spki = try fixture.signer.publicArea.subjectPublicKeyInfo()
        let ekRoots = try TPMEndorsementRoots(certificates: [("ek-ca.pem", ekCA.der)])
        let akRoots = try TPMEndorsementRoots(certificates: [("ak-ca.pem", akCA.der)])

        let byEKCA = try ekCA.issue(subjectPublicKeyInfo: spki)
        await #expect(throws: TPMError.self, "no AK root configured") {
            try await verify(fixture, akCertificate: byEKCA, verifier: TPMVerifier(roots: ekRoots))
        }
        let separated = TPMVerifier(roots: ekRoots, akRoots: akRoots)
        let refused = try await verify(fixture, akCertificate: byEKCA, verifier: separated)
        #expect(refused.failures.map(\.check) == ["ak_certificate_chain"])
        let accepted = try await verify(fixture, akCertificate: try akCA.issue(subjectPublicKeyInfo: spki), verifier: separated)
        #expect(accepted.isValid, "\(accepted.failures)")
        #expect(accepted.claims["ak_endorsement"] == "ak_certificate")
    }
}
