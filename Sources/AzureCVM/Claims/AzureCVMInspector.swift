public import AttestationCore
import DCAP
import SEVSNP

/// Shows the HCL report, its runtime data, the vTPM quote and the hardware report (through SEV-SNP's or DCAP's
/// inspector) without verifying anything.
public struct AzureCVMInspector: EvidenceInspector {
    public let tee: TEEKind

    /// An inspector for ``TEEKind/azureSNP`` or ``TEEKind/azureTDX``.
    public init(tee: TEEKind) { self.tee = tee }

    public func inspect(_ evidence: Evidence) throws -> Inspection {
        let parsed = try AzureEvidence(parsing: evidence)
        let hcl = parsed.hclReport
        let runtime = parsed.runtimeData
        var inspection = Inspection(title: "Azure confidential VM HCL report v\(hcl.version) (\(hcl.reportType))")
        inspection.sections.append(
            Inspection.Section(
                "HCL report",
                [
                    .init("signature", "'\(String(decoding: hcl.signature, as: UTF8.self))'"),
                    .init("version", "\(hcl.version)"), .init("report_size", "\(hcl.reportSize)"),
                    .init("request_type", "\(hcl.requestType)"), .init("status", "\(hcl.status)"),
                    .init("report_type", hcl.reportType.description),
                    .init("runtime_data_hash_type", "\(hcl.runtimeDataHashType)"),
                    .init("runtime_data_size", "\(hcl.runtimeData.count)"),
                    .init("trailing_bytes", "\(hcl.trailingByteCount)"),
                ]))
        inspection.sections.append(
            Inspection.Section(
                "Runtime data",
                [
                    .init("keys", runtime.keyIDs.joined(separator: ", ")),
                    .init("vm-configuration", runtime.vmConfiguration?.compactText ?? "absent"),
                    .init("user-data", runtime.userData ?? "absent"),
                ]))
        let attest = parsed.quote.attest
        inspection.sections.append(
            Inspection.Section(
                "vTPM quote",
                [
                    .init("magic", "0x" + String(attest.magic, radix: 16)), .init("type", "\(attest.type)"),
                    .init("extra_data", Hex.encode(attest.extraData)), .init("clock", "\(attest.clockInfo.clock)"),
                    .init("pcr_digest", attest.quoteInfo.map { Hex.encode($0.pcrDigest) } ?? "not a quote"),
                    .init("signature_bytes", "\(parsed.quote.signature.count)"),
                ] + parsed.quote.pcrs.enumerated().map { .init("pcr[\($0)]", Hex.encode($1)) }))
        let hardware: Inspection
        switch hcl.reportType {
        case .snp: hardware = try SEVSNPInspector().inspect(Evidence(tee: .snp, bytes: hcl.hardwareReport))
        case .tdx:
            let report = try TDReport(parsing: hcl.hardwareReport)
            inspection.sections.append(
                Inspection.Section(
                    "TDREPORT",
                    [
                        .init("report_type", "0x" + String(report.type, radix: 16)),
                        .init("report_data", Hex.encode(report.reportData)), .init("mr_td", Hex.encode(report.mrTD)),
                        .init("mr_seam", Hex.encode(report.mrSeam)), .init("td_attributes", Hex.encode(report.tdAttributes)),
                        .init("xfam", Hex.encode(report.xfam)),
                    ] + report.rtmrs.enumerated().map { .init("rtmr\($0)", Hex.encode($1)) }))
            guard let quote = parsed.tdQuote else { return inspection }
            hardware = try DCAPInspector(tee: .tdx).inspect(Evidence(tee: .tdx, bytes: quote))
        default: return inspection
        }
        inspection.sections += hardware.sections.map { Inspection.Section("\(hardware.title): \($0.title)", $0.fields) }
        return inspection
    }
}
