import AttestationCore
import DCAP

extension AzureCVMVerifier {
    /// The unsigned TDREPORT of the HCL report against the TD quote's signed body: same REPORTDATA, same TDINFO,
    /// same TEE_TCB_INFO.
    static func checkTDReport(_ report: TDReport, against quote: Quote, into verdict: inout Verdict) throws {
        guard case .td(let body) = quote.body else {
            throw AzureCVMError.missingPart(what: "a TD quote (the one given is an SGX quote)", fix: "pass the TD quote with --td-quote")
        }
        verdict.check(
            AzureCheck.tdReportDataEqualsQuote, report.reportData == body.reportData,
            expected: "TDREPORT REPORTDATA = the TD quote's \(Hex.encode(body.reportData))", observed: Hex.encode(report.reportData))

        checkFields(
            [
                ("ATTRIBUTES", report.tdAttributes, body.tdAttributes.bytes), ("XFAM", report.xfam, body.xfam),
                ("MRTD", report.mrTD, body.mrTD), ("MRCONFIGID", report.mrConfigID, body.mrConfigID),
                ("MROWNER", report.mrOwner, body.mrOwner), ("MROWNERCONFIG", report.mrOwnerConfig, body.mrOwnerConfig),
            ] + (0..<4).map { ("RTMR\($0)", report.rtmrs[$0], body.rtmrs[$0]) },
            AzureCheck.tdReportTDInfoMatchesQuote,
            part: "TDINFO (attributes, XFAM, MRTD, MRCONFIGID, MROWNER, MROWNERCONFIG, RTMR0-3)", into: &verdict)
        checkFields(
            [
                ("TEE_TCB_SVN", report.teeTCBSVN, body.teeTCBSVN), ("MRSEAM", report.mrSeam, body.mrSeam),
                ("MRSIGNERSEAM", report.mrSignerSeam, body.mrSignerSeam),
                ("ATTRIBUTES", report.seamAttributes, body.seamAttributes),
            ],
            AzureCheck.tdReportTCBInfoMatchesQuote, part: "TEE_TCB_INFO (TEE_TCB_SVN, MRSEAM, MRSIGNERSEAM, attributes)",
            into: &verdict)
    }

    /// Records `check`: every (name, TDREPORT value, quote value) of a part of the TDREPORT is equal.
    static func checkFields(
        _ fields: [(name: String, report: [UInt8], quote: [UInt8])], _ check: AzureCheck, part: String,
        into verdict: inout Verdict
    ) {
        let differing = fields.filter { $0.report != $0.quote }
        verdict.check(
            check, differing.isEmpty, expected: "TDREPORT \(part) = the TD quote body's",
            observed: differing.map { "\($0.name) \(Hex.encode($0.report)) in the TDREPORT, \(Hex.encode($0.quote)) in the quote" }
                .joined(separator: "; "))
    }
}
