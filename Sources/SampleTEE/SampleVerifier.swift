public import AttestationCore
import Crypto
import Foundation
import X509
import SwiftASN1

/// Verifies Sample TEE reports: device certificate → pinned development root, validity as of the context's
/// instant, report signature, report-data binding.
public struct SampleVerifier: EvidenceVerifier {
    public let tee = TEEKind.sample
    public let binding = ReportDataBinding.sha512
    /// The Sample TEE's root key is public: anyone can make evidence it accepts.
    public let isDevelopmentOnly = true

    public init() {}

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        let report = try SampleReport(parsing: evidence.bytes)
        let roots = try context.trustAnchors.map(Self.parse) ?? Self.builtInRoots.get()
        let anchors = roots.map(\.anchor)
        let checked = try Self.devices.value(for: DeviceKey(certificate: report.deviceCertificate, anchors: anchors)) {
            try Self.checkDevice(report.deviceCertificate, roots: roots)
        }

        var verdict = Verdict(tee: tee, claims: report.claims)
        let issuer = checked.issuerIndex.map { roots[$0] }
        let device = checked.certificate
        verdict.check(
            SampleCheck.deviceCertificateChain, issuer != nil,
            expected: "device certificate signed by a pinned root: \(anchors.map(\.description).joined(separator: ", "))",
            observed: "issued by \(device.issuer), signed by none of them")
        verdict.check(
            SampleCheck.deviceCertificateValidity, Self.isValid(device, at: context.asOf),
            expected: "valid at \(RFC3339.format(context.asOf))",
            observed: "valid \(RFC3339.format(device.notValidBefore)) to \(RFC3339.format(device.notValidAfter))")
        if let issuer {
            verdict.check(
                SampleCheck.rootCertificateValidity, Self.isValid(issuer.certificate, at: context.asOf),
                expected: "\(issuer.anchor.name) valid at \(RFC3339.format(context.asOf))",
                observed: "valid \(RFC3339.format(issuer.certificate.notValidBefore)) to \(RFC3339.format(issuer.certificate.notValidAfter))"
            )
        }
        let signatureValid = Self.reportSignatureIsValid(report, key: checked.key)
        verdict.check(
            SampleCheck.reportSignature, signatureValid,
            expected: "ECDSA P-256 signature by the device key over bytes 0x00..<0x80",
            observed: "signature does not verify")
        verdict.checkReportData(report.reportData, binding: binding, context: context)
        return verdict
    }

    typealias Root = (anchor: TrustAnchor, certificate: Certificate)

    /// The pinned development root, parsed once.
    static let builtInRoots: Result<[Root], any Error> = Result {
        try parse([try SampleDeviceIssuer.developmentAnchor])
    }

    static func parse(_ anchors: [TrustAnchor]) throws -> [Root] {
        try anchors.map { anchor in
            do {
                return (anchor, try Certificate(derEncoded: anchor.derBytes))
            } catch {
                throw SampleTEEError.invalidTrustAnchor("\(anchor.name): \(error)")
            }
        }
    }

    static func isValid(_ certificate: Certificate, at instant: Date) -> Bool {
        certificate.notValidBefore <= instant && instant <= certificate.notValidAfter
    }

    /// A device certificate parsed and checked against a set of roots.
    struct CheckedDevice: Sendable {
        let certificate: Certificate
        /// Which root signed it, if any.
        let issuerIndex: Int?
        let key: P256.Signing.PublicKey?
    }

    struct DeviceKey: Hashable, Sendable {
        let certificate: ExactBytes
        let anchors: [TrustAnchor]

        init(certificate: [UInt8], anchors: [TrustAnchor]) {
            self.certificate = ExactBytes(certificate)
            self.anchors = anchors
        }
    }

    /// Parsed device certificates and their signature check, by exact bytes and roots (time-independent).
    static let devices = BoundedCache<DeviceKey, CheckedDevice>(limit: 1024)

    static func checkDevice(_ der: [UInt8], roots: [Root]) throws -> CheckedDevice {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw SampleTEEError.invalidDeviceCertificate("\(error)")
        }
        return CheckedDevice(
            certificate: certificate,
            issuerIndex: roots.firstIndex { $0.certificate.publicKey.isValidSignature(certificate.signature, for: certificate) },
            key: P256.Signing.PublicKey(certificate.publicKey))
    }

    static func reportSignatureIsValid(_ report: SampleReport, key: P256.Signing.PublicKey?) -> Bool {
        guard let key,
            let signature = try? P256.Signing.ECDSASignature(rawRepresentation: report.signature)
        else { return false }
        return key.isValidSignature(signature, for: report.signedBytes)
    }
}
