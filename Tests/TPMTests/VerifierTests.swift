import AttestationCore
import AssayTestSupport
import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import Testing
import TPM
import TPMDevice
import X509

@Suite struct VerifierTests {
    let verifier = TPMVerifier()

    @Test(arguments: [false, true])
    func genuineQuoteVerifiesWithItsClaims(ecc: Bool) async throws {
        let fixture = try TPMFixture(ecc: ecc)
        let verdict = try await verifier.verify(fixture.evidence(try fixture.quote()), context: fixture.context())
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["tee"] == "tpm")
        #expect(verdict.claims["report_data"] == .hex(fixture.runtime.reportData(for: .sha256)))
        #expect(verdict.claims["pcrs"]?["sha256"]?["7"] == .hex(try #require(fixture.values[.sha256, 7])))
        #expect(verdict.claims["pcrs"]?["sha1"]?["0"] == .hex(try #require(fixture.values[.sha1, 0])))
        #expect(verdict.claims["clock"] == 12345)
        #expect(verdict.claims["firmware_version"] == "2019102300163636")
        #expect(verdict.claims["ak_name"] == .hex(try fixture.signer.publicArea.name()))
        #expect(verdict.claims["ak_endorsement"] == "none")
        #expect(verdict.claims["ak_public"] == (ecc ? "ECC P-256" : "RSA-2048"))
        #expect(Set(verdict.passedChecks).isSuperset(of: [
            "quote_magic", "quote_type", "quote_signature", "quote_pcr_digest", "report_data_binding", "ak_attributes",
        ]))
    }

    @Test func wrongNonceIsRejectedByTheBinding() async throws {
        let fixture = try TPMFixture()
        let quote = try fixture.quote(extraData: RuntimeData(json: ["nonce": "stale"]).reportData(for: .sha256))
        let verdict = try await verifier.verify(fixture.evidence(quote), context: fixture.context())
        #expect(verdict.failures.map(\.check) == ["report_data_binding"])
    }

    @Test func changedPCRValueIsRejectedByTheDigest() async throws {
        let fixture = try TPMFixture()
        var values = fixture.values
        values[.sha256, 3] = [UInt8](repeating: 0x33, count: 32)
        let verdict = try await verifier.verify(fixture.evidence(try fixture.quote(), values: values), context: fixture.context())
        #expect(verdict.failures.map(\.check) == ["quote_pcr_digest"])
        #expect(verdict.claims["pcrs"] == .object([:]))
    }

    /// Every bit of the TPMS_ATTEST and the signature value is covered: flipping one is never accepted.
    @Test func everySignedBitFlipIsRejected() async throws {
        let fixture = try TPMFixture(ecc: true)
        let quote = try fixture.quote()
        for offset in 0..<quote.attest.bytes.count {
            var bytes = quote.attest.bytes
            bytes[offset] ^= 0x01
            var evidence = fixture.evidence(quote)
            evidence.bytes = bytes
            guard let verdict = try? await verifier.verify(evidence, context: fixture.context()) else { continue }
            #expect(!verdict.isValid, "byte \(offset) flipped was accepted")
        }
        let signature = quote.signature.bytes
        for offset in 6..<signature.count {
            var bytes = signature
            bytes[offset] ^= 0x80
            let evidence = fixture.evidence(quote, attachments: [TPMEvidence.Attachment.signature.rawValue: bytes])
            guard let verdict = try? await verifier.verify(evidence, context: fixture.context()) else { continue }
            #expect(verdict.failures.map(\.check).contains("quote_signature"), "signature byte \(offset)")
        }
    }

    @Test func wrongMagicAndTypeAreNamed() async throws {
        let fixture = try TPMFixture()
        let honest = try fixture.quote()
        let forged = TPMSAttest(
            magic: 0x1234_5678, qualifiedSigner: honest.attest.qualifiedSigner, extraData: honest.attest.extraData,
            clockInfo: honest.attest.clockInfo, firmwareVersion: 0, attested: honest.attest.attested)
        let certify = TPMSAttest(
            qualifiedSigner: honest.attest.qualifiedSigner, extraData: honest.attest.extraData,
            clockInfo: honest.attest.clockInfo, firmwareVersion: 0, attested: .certify(TPMSCertifyInfo(name: [1], qualifiedName: [2])))
        for (attest, check) in [(forged, "quote_magic"), (certify, "quote_type")] {
            let quote = SignedQuote(attest: attest, signature: try fixture.signer.sign(attest.bytes), pcrValues: nil)
            var evidence = fixture.evidence(quote)
            evidence.attachments[TPMEvidence.Attachment.pcrs.rawValue] = nil
            let verdict = try await verifier.verify(evidence, context: fixture.context())
            #expect(verdict.failures.map(\.check) == [check])
        }
    }

    /// A key that is not a restricted signing key could sign a forged TPMS_ATTEST; it is named as such.
    @Test func unrestrictedKeyIsRejected() async throws {
        let key = P256.Signing.PrivateKey()
        let raw = Array(key.publicKey.rawRepresentation)
        let area = TPMTPublic(
            nameAlg: .sha256, attributes: [.fixedTPM, .fixedParent, .sensitiveDataOrigin, .userWithAuth, .sign],
            parameters: TPMKeyTemplate.attestationECCP256.parameters, unique: .ecc(x: Array(raw[0..<32]), y: Array(raw[32...])))
        let fixture = try TPMFixture(ecc: true)
        let quote = try fixture.quote()
        let signature = Array(try key.signature(for: SHA256.hash(data: quote.attest.bytes)).rawRepresentation)
        let evidence = fixture.evidence(
            quote,
            attachments: [
                TPMEvidence.Attachment.akPublic.rawValue: area.sizedBytes,
                TPMEvidence.Attachment.signature.rawValue: TPMTSignature(
                    hash: .sha256, value: .ecdsa(r: Array(signature[0..<32]), s: Array(signature[32...]))).bytes,
            ])
        let verdict = try await verifier.verify(evidence, context: fixture.context())
        #expect(verdict.failures.map(\.check) == ["ak_attributes"])
    }

    @Test func pemAttestationKeyIsAcceptedWithANote() async throws {
        let fixture = try TPMFixture()
        let pem = try TPMFixture.rsaKey.get().publicKey.pemRepresentation
        let evidence = fixture.evidence(try fixture.quote(), attachments: [TPMEvidence.Attachment.akPublic.rawValue: Array(pem.utf8)])
        let verdict = try await verifier.verify(evidence, context: fixture.context())
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["ak_name"] == nil)
        #expect(verdict.notes.contains { $0.contains("SubjectPublicKeyInfo") })
    }

    @Test func missingPartsThrowWithAHint() async throws {
        let fixture = try TPMFixture()
        var evidence = fixture.evidence(try fixture.quote())
        evidence.attachments[TPMEvidence.Attachment.signature.rawValue] = nil
        await #expect(throws: TPMError.self) { try await verifier.verify(evidence, context: fixture.context()) }
        evidence = fixture.evidence(try fixture.quote())
        evidence.attachments[TPMEvidence.Attachment.akPublic.rawValue] = nil
        await #expect(throws: TPMError.self) { try await verifier.verify(evidence, context: fixture.context()) }
        evidence = fixture.evidence(try fixture.quote())
        evidence.attachments[TPMEvidence.Attachment.pcrs.rawValue] = [1, 2, 3]
        await #expect(throws: TPMError.self) { try await verifier.verify(evidence, context: fixture.context()) }
        let empty = TPMEvidence(format: .tpm2Tools, quotes: [], attestationKey: .tpm(fixture.signer.publicArea))
        await #expect(throws: TPMError.self) { try await verifier.verify(empty, context: fixture.context()) }
    }

    /// An AK certificate from a CA built here: accepted under that CA's root, rejected under another one.
    @Test func akCertificateChainsToTheConfiguredRoot() async throws {
        let fixture = try TPMFixture(ecc: true)
        let ca = try TestCA(name: "AK CA")
        let other = try TestCA(name: "Other CA")
        let spki = try fixture.signer.publicArea.subjectPublicKeyInfo()
        let certificate = try ca.issue(subjectPublicKeyInfo: spki)
        let evidence = fixture.evidence(try fixture.quote(), attachments: [TPMEvidence.Attachment.akCertificate.rawValue: certificate])
        var context = fixture.context()
        context.trustAnchors = [ca.anchor]
        let verdict = try await verifier.verify(evidence, context: context)
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["ak_endorsement"] == "ak_certificate")
        #expect(verdict.claims["ak_certificate"]?["tpm_model"] == "test-tpm")
        context.trustAnchors = [other.anchor]
        let rejected = try await verifier.verify(evidence, context: context)
        #expect(rejected.failures.map(\.check) == ["ak_certificate_chain"])
        let wrongKey = try ca.issue(subjectPublicKeyInfo: Array(P256.Signing.PrivateKey().publicKey.derRepresentation))
        context.trustAnchors = [ca.anchor]
        let mismatched = try await verifier.verify(
            fixture.evidence(try fixture.quote(), attachments: [TPMEvidence.Attachment.akCertificate.rawValue: wrongKey]),
            context: context)
        #expect(mismatched.failures.map(\.check) == ["ak_certificate_matches_ak"])
    }

    @Test func certificateWithoutAnyRootThrows() async throws {
        let fixture = try TPMFixture(ecc: true)
        let ca = try TestCA(name: "AK CA")
        let certificate = try ca.issue(subjectPublicKeyInfo: try fixture.signer.publicArea.subjectPublicKeyInfo())
        let evidence = fixture.evidence(try fixture.quote(), attachments: [TPMEvidence.Attachment.akCertificate.rawValue: certificate])
        await #expect(throws: TPMError.self) { try await verifier.verify(evidence, context: fixture.context()) }
    }
}

/// A certificate authority made from a fresh P-256 key, issuing TCG-style certificates (empty subject, critical
/// subjectAltName with the TPM manufacturer, model and version).
struct TestCA {
    let key = P256.Signing.PrivateKey()
    let certificate: Certificate
    let name: DistinguishedName

    init(name common: String) throws {
        name = try DistinguishedName { CommonName(common) }
        let now = Date()
        certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: now - 3600,
            notValidAfter: now + 86400, issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil)) },
            issuerPrivateKey: .init(key))
    }

    var der: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    var anchor: TrustAnchor { TrustAnchor(name: "test CA", derBytes: der) }

    /// A TCG-style certificate for `spki` (empty subject, critical subjectAltName), with the optional extensions.
    func issue(
        subjectPublicKeyInfo spki: [UInt8], isCA: Bool = false, keyUsage: KeyUsage? = nil,
        extendedKeyUsage: ExtendedKeyUsage? = nil
    ) throws -> [UInt8] {
        let directory = try DistinguishedName([
            RelativeDistinguishedName.Attribute(type: [2, 23, 133, 2, 1], value: .init(utf8String: "id:41535359")),
            RelativeDistinguishedName.Attribute(type: [2, 23, 133, 2, 2], value: .init(utf8String: "test-tpm")),
            RelativeDistinguishedName.Attribute(type: [2, 23, 133, 2, 3], value: .init(utf8String: "id:00010000")),
        ])
        let now = Date()
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: try .init(derEncoded: spki), notValidBefore: now - 60,
            notValidAfter: now + 3600, issuer: name, subject: DistinguishedName(), signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(SubjectAlternativeNames([.directoryName(directory)]))
                if isCA { Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil)) }
                if let keyUsage { Critical(keyUsage) }
                if let extendedKeyUsage { extendedKeyUsage }
            }, issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        return serializer.serializedBytes
    }
}
