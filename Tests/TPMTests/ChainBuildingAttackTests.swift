import AttestationCore
import Crypto
import Foundation
import PKI
import SwiftASN1
import Testing
import TPM
import X509

/// The unauthenticated CPU lock-up of the outside review: an EK certificate issued by `CN=Evil`, sent with many
/// intermediates that share that name and key and differ only in their subjectAltName. Chain building must end
/// fast with a failed `ek_certificate_chain`, however many look-alikes come with the request.
@Suite struct ChainBuildingAttackTests {
    /// Certificates named `CN=Evil` under one key, each self-issued, CA, and differing in a dNSName.
    struct EvilCA {
        let key = P256.Signing.PrivateKey()
        let name: DistinguishedName

        init(_ common: String = "Evil") throws {
            name = try DistinguishedName { CommonName(common) }
        }

        /// The `index`th look-alike: same name and key, its own subjectAltName.
        func lookAlike(_ index: Int, issuer: DistinguishedName? = nil, signer: P256.Signing.PrivateKey? = nil) throws -> [UInt8] {
            try der(
                Certificate(
                    version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: Date() - 3600,
                    notValidAfter: Date() + 86400, issuer: issuer ?? name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                    extensions: try Certificate.Extensions {
                        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                        SubjectAlternativeNames([.dnsName("n\(index).evil.example")])
                    }, issuerPrivateKey: .init(signer ?? key)))
        }

        /// A TCG-style EK certificate for a fresh key, issued by `CN=Evil`.
        func endorsementCertificate() throws -> [UInt8] {
            let directory = try DistinguishedName([
                RelativeDistinguishedName.Attribute(type: [2, 23, 133, 2, 1], value: .init(utf8String: "id:45564C00")),
            ])
            return try der(
                Certificate(
                    version: .v3, serialNumber: .init(), publicKey: .init(P256.Signing.PrivateKey().publicKey),
                    notValidBefore: Date() - 60, notValidAfter: Date() + 3600, issuer: name, subject: DistinguishedName(),
                    signatureAlgorithm: .ecdsaWithSHA256,
                    extensions: try Certificate.Extensions { Critical(SubjectAlternativeNames([.directoryName(directory)])) },
                    issuerPrivateKey: .init(key)))
        }
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// Verifies TPM evidence carrying `ekCertificate`, with `intermediates` as request collateral and `root` (by
    /// default one that is not in the chain) trusted; returns the verdict and how long it took.
    static func verify(
        ekCertificate: [UInt8], intermediates: [[UInt8]], root: TrustAnchor? = nil
    ) async throws -> (Verdict, Duration) {
        let fixture = try TPMFixture(ecc: true)
        let evidence = fixture.evidence(try fixture.quote(), attachments: [TPMEvidence.Attachment.ekCertificate.rawValue: ekCertificate])
        var context = fixture.context()
        context.trustAnchors = [try root ?? TestCA(name: "A TPM vendor root").anchor]
        context.collateral = intermediates.enumerated().map { CollateralItem(source: "collateral[\($0.offset)]", bytes: $0.element) }
        let start = ContinuousClock.now
        let verdict = try await TPMVerifier().verify(evidence, context: context)
        return (verdict, ContinuousClock.now - start)
    }

    /// The failed `ek_certificate_chain` of `verdict`, which must be its only failure.
    static func chainFailure(_ verdict: Verdict) -> String? {
        #expect(verdict.failures.map(\.check) == ["ek_certificate_chain"])
        return verdict.failures.first?.observed
    }

    /// The review's attack: 16 look-alike intermediates (the review measured 9 s for 7 and ~15 min for 9).
    @Test(arguments: [16, 48])
    func lookAlikeIntermediatesEndFast(count: Int) async throws {
        let evil = try EvilCA()
        let intermediates = try (0..<count).map { try evil.lookAlike($0) }
        let (verdict, elapsed) = try await Self.verify(ekCertificate: try evil.endorsementCertificate(), intermediates: intermediates)
        #expect(Self.chainFailure(verdict)?.hasPrefix("no chain from the certificate issued by CN=Evil") == true)
        #expect(elapsed < .seconds(1), "\(elapsed)")
    }

    /// Look-alikes of two CAs that issue each other (A → B → A): the loop is cut by subject and key.
    @Test func lookAlikeLoopsEndFast() async throws {
        let a = try EvilCA("A")
        let b = try EvilCA("B")
        var intermediates: [[UInt8]] = []
        for index in 0..<24 {
            intermediates.append(try a.lookAlike(index, issuer: b.name, signer: b.key))
            intermediates.append(try b.lookAlike(index, issuer: a.name, signer: a.key))
        }
        let (verdict, elapsed) = try await Self.verify(ekCertificate: try a.endorsementCertificate(), intermediates: intermediates)
        #expect(Self.chainFailure(verdict)?.hasPrefix("no chain from the certificate issued by CN=A") == true)
        #expect(elapsed < .seconds(1), "\(elapsed)")
    }

    /// Many CAs named like the issuer, each with its own key: the signature-check bound ends the search and is named.
    @Test func namesakesWithTheirOwnKeysStopAtTheSignatureBound() async throws {
        let issuer = try EvilCA()
        let namesakes = try (0..<100).map { try EvilCA().lookAlike($0) }
        let (verdict, elapsed) = try await Self.verify(ekCertificate: try issuer.endorsementCertificate(), intermediates: namesakes)
        let reason = Self.chainFailure(verdict)
        #expect(reason?.contains("bound of \(CertificatePathLimits.defaultMaxSignatureChecks) signature checks") == true, "\(reason ?? "")")
        #expect(elapsed < .seconds(1), "\(elapsed)")
    }

    /// A chain to the trusted root that is deeper than the depth bound: the bound is named.
    @Test func depthBombsStopAtTheDepthBound() async throws {
        let root = try EvilCA("Root")
        let authorities = try (1...20).map { try EvilCA("C\($0)") }
        var intermediates = [try authorities[19].lookAlike(0, issuer: root.name, signer: root.key)]
        for index in 0..<19 {
            intermediates.append(try authorities[index].lookAlike(0, issuer: authorities[index + 1].name, signer: authorities[index + 1].key))
        }
        let anchor = TrustAnchor(name: "Root", derBytes: try root.lookAlike(0))
        let (verdict, elapsed) = try await Self.verify(
            ekCertificate: try authorities[0].endorsementCertificate(), intermediates: intermediates.reversed(), root: anchor)
        let reason = Self.chainFailure(verdict)
        #expect(reason?.hasSuffix("the search stopped at its bound on path depth (\(CertificatePathLimits.defaultMaxDepth))") == true, "\(reason ?? "")")
        #expect(elapsed < .seconds(1), "\(elapsed)")
    }

    /// A cancelled verification stops chain building and throws instead of returning a verdict.
    @Test func cancellationStopsChainBuilding() async throws {
        let evil = try EvilCA()
        let ekCertificate = try evil.endorsementCertificate()
        let intermediates = try (0..<8).map { try EvilCA().lookAlike($0) }
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return try await Self.verify(ekCertificate: ekCertificate, intermediates: intermediates)
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
