import AttestationCore
import NvidiaGPU

/// `spdm-report`: an NVIDIA GPU or NVSwitch report as `assay verify --tee nvidia` receives it (binary, hex or
/// base64): the GET_MEASUREMENTS request, the MEASUREMENTS response, its measurement blocks and opaque data, and
/// the inspector's rendering of every field.
public enum SPDMReportFuzzTarget: FuzzTarget {
    public static let name = "spdm-report"

    public static func run(_ bytes: [UInt8]) {
        let decoded = EvidenceEncoding.decode(bytes).bytes
        guard let report = try? DeviceReport(bytes: decoded) else { return }
        FuzzInput.require(
            report.signedBytes.count + report.response.signature.count + report.response.trailingBytes == decoded.count,
            "the signed bytes, the signature and the trailing bytes do not add up to the report")
        _ = report.response.opaqueData.claims
        _ = try? NvidiaInspector().inspect(Evidence(tee: .nvidia, bytes: decoded))
    }
}
