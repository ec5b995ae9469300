public import Crypto
public import Foundation
public import AttestationCore
import X509
import SwiftASN1

/// The Sample TEE's attester: signs reports over a measurement and report data with a device key that the
/// issuer certifies.
///
/// Each attester holds one device key (fresh unless given) and certifies it when created.
public struct SampleAttester: Sendable {
    /// Default validity of a device certificate: one day.
    public static let defaultCertificateLifetime: TimeInterval = 24 * 3600

    let deviceKey: P256.Signing.PrivateKey
    let deviceCertificate: [UInt8]

    /// Creates an attester whose device certificate is valid from `clock.now()` (less a minute of tolerance for
    /// clock skew) for `certificateLifetime`.
    public init(
        issuer: SampleDeviceIssuer,
        deviceKey: P256.Signing.PrivateKey = P256.Signing.PrivateKey(),
        clock: any TimeSource = SystemTimeSource(),
        certificateLifetime: TimeInterval = defaultCertificateLifetime
    ) throws {
        self.deviceKey = deviceKey
        let certificate = try issuer.issueDeviceCertificate(
            for: deviceKey.publicKey, notBefore: clock.now().addingTimeInterval(-60),
            lifetime: certificateLifetime + 60)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        self.deviceCertificate = serializer.serializedBytes
    }

    /// Produces a signed report.
    public func attest(measurement: [UInt8], reportData: [UInt8], debug: Bool = false, svn: UInt32 = 0) throws
        -> [UInt8]
    {
        guard reportData.count == 64 else { throw SampleTEEError.reportDataLength(reportData.count) }
        guard measurement.count == 48 else { throw SampleTEEError.measurementLength(measurement.count) }
        let body = SampleReport.body(debug: debug, svn: svn, measurement: measurement, reportData: reportData)
        let signature = try deviceKey.signature(for: body).rawRepresentation
        return SampleReport.assemble(body: body, signature: Array(signature), deviceCertificate: deviceCertificate)
    }

    /// Produces a report bound to runtime data (report_data = SHA-512 of its bytes).
    public func attest(measurement: [UInt8], runtimeData: RuntimeData, debug: Bool = false, svn: UInt32 = 0) throws
        -> [UInt8]
    {
        try attest(
            measurement: measurement, reportData: runtimeData.reportData(for: .sha512), debug: debug, svn: svn)
    }
}
