public import AttestationCore
import Crypto
import X509
import SwiftASN1

/// Shows every field of a Sample TEE report.
public struct SampleInspector: EvidenceInspector {
    public let tee = TEEKind.sample

    public init() {}

    public func inspect(_ evidence: Evidence) throws -> Inspection {
        let report = try SampleReport(parsing: evidence.bytes)
        var inspection = Inspection(
            title: "Sample TEE report v\(report.version) (\(evidence.bytes.count) bytes; development only, not secure)")
        inspection.sections.append(
            Inspection.Section(
                "Report",
                [
                    .init("version", "\(report.version)"),
                    .init("debug", report.debug ? "yes (memory can be inspected)" : "no"),
                    .init("svn", "\(report.svn)"),
                    .init("measurement", Hex.encode(report.measurement)),
                    .init("report_data", Hex.encode(report.reportData)),
                    .init("signature", Hex.encode(report.signature)),
                ]))
        var certificate = Inspection.Section("Device certificate (\(report.deviceCertificate.count) bytes)")
        if let device = try? Certificate(derEncoded: report.deviceCertificate) {
            certificate.fields = [
                .init("subject", "\(device.subject)"),
                .init("issuer", "\(device.issuer)"),
                .init("serial", "\(device.serialNumber)"),
                .init("not_before", RFC3339.format(device.notValidBefore)),
                .init("not_after", RFC3339.format(device.notValidAfter)),
                .init(
                    "public_key",
                    P256.Signing.PublicKey(device.publicKey).map { "P-256 " + Hex.encode($0.x963Representation) }
                        ?? "not a P-256 key"),
            ]
        } else {
            certificate.fields = [.init("error", "not a parseable X.509 certificate")]
        }
        inspection.sections.append(certificate)
        return inspection
    }
}
