import AttestationCore
import Crypto
import Foundation
import SampleTEE
import X509

/// A Sample TEE attester at a fixed instant, and what its evidence is bound to.
struct SampleFixture {
    static let issuedAt = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
    let runtimeData: RuntimeData
    let measurement: [UInt8]
    let report: [UInt8]

    init(issuer: SampleDeviceIssuer? = nil, debug: Bool = false, lifetime: TimeInterval = 3600) throws {
        let attester = try SampleAttester(
            issuer: try issuer ?? SampleDeviceIssuer.development, clock: FixedTimeSource(Self.issuedAt),
            certificateLifetime: lifetime)
        runtimeData = RuntimeData(json: ["nonce": "fixture-nonce"])
        measurement = WorkloadMeasurement.measure(bytes: Array("workload".utf8))
        report = try attester.attest(measurement: measurement, runtimeData: runtimeData, debug: debug, svn: 7)
    }

    func context(at instant: Date = issuedAt, anchors: [TrustAnchor]? = nil, bind: Bool = true) -> VerificationContext {
        VerificationContext(
            asOf: instant, trustAnchors: anchors, expectedReportData: bind ? .runtimeData(runtimeData) : nil)
    }

    /// A root CA from a fresh key, for "wrong root" tests.
    static func freshIssuer(name: String = "Impostor Root") throws -> SampleDeviceIssuer {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: issuedAt.addingTimeInterval(-86400), notValidAfter: issuedAt.addingTimeInterval(86400 * 365),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0)) },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return SampleDeviceIssuer(certificate: certificate, privateKey: key)
    }
}
