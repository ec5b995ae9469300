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

        let tdInfo: [(String, [UInt8], [UInt8])] =
            [
                ("ATTRIBUTES", report.tdAttributes, body.tdAttributes.bytes), ("XFAM", report.xfam, body.xfam),
                ("MRTD", report.mrTD, body.mrTD), ("MRCONFIGID", report.mrConfigID, body.mrConfigID),
                ("MROWNER", report.mrOwner, body.mrOwner), ("MROWNERCONFIG", report.mrOwnerConfig, body.mrOwnerConfig),
            ] + (0..<4).map { ("RTMR\($0)", report.rtmrs[$0], body.rtmrs[$0]) }
        let differing = tdInfo.filter { $0.1 != $0.2 }
        verdict.check(
            AzureCheck.tdReportTDInfoMatchesQuote, differing.isEmpty,
            expected: "TDREPORT TDINFO (attributes, XFAM, MRTD, MRCONFIGID, MROWNER, MROWNERCONFIG, RTMR0-3) = the TD quote body's",
            observed: differing.map { "\($0.0) \(Hex.encode($0.1)) in the TDREPORT, \(Hex.encode($0.2)) in the quote" }
                .joined(separator: "; "))

        let tcbInfo: [(String, [UInt8], [UInt8])] = [
            ("TEE_TCB_SVN", report.teeTCBSVN, body.teeTCBSVN), ("MRSEAM", report.mrSeam, body.mrSeam),
            ("MRSIGNERSEAM", report.mrSignerSeam, body.mrSignerSeam), ("ATTRIBUTES", report.seamAttributes, body.seamAttributes),
        ]
        let differingTCB = tcbInfo.filter { $0.1 != $0.2 }
        verdict.check(
            AzureCheck.tdReportTCBInfoMatchesQuote, differingTCB.isEmpty,
            expected: "TDREPORT TEE_TCB_INFO (TEE_TCB_SVN, MRSEAM, MRSIGNERSEAM, attributes) = the TD quote body's",
            observed: differingTCB.map { "\($0.0) \(Hex.encode($0.1)) in the TDREPORT, \(Hex.encode($0.2)) in the quote" }
                .joined(separator: "; "))
    }
}
