public import AttestationCore
import Foundation

/// Shows every field of a DCAP quote (and of an attached CCEL event log) without verifying anything.
public struct DCAPInspector: EvidenceInspector {
    public let tee: TEEKind

    /// An inspector for `tee` (``TEEKind/tdx`` or ``TEEKind/sgx``).
    public init(tee: TEEKind) { self.tee = tee }

    public func inspect(_ evidence: Evidence) throws -> Inspection {
        let quote = try Quote(parsing: evidence.bytes)
        guard quote.tee == tee else { throw DCAPError.wrongTEE(expected: tee, found: quote.tee) }
        let kind = quote.tee == .tdx ? "TDX" : "SGX"
        var inspection = Inspection(
            title: "Intel \(kind) DCAP quote v\(quote.header.version) (\(evidence.bytes.count) bytes, \(quote.trailingByteCount) trailing; not verified)")
        let header = quote.header
        inspection.sections.append(
            Inspection.Section(
                "Header",
                [
                    .init("version", "\(header.version)"),
                    .init("att_key_type", "\(header.attestationKeyType) (ECDSA-256 with P-256)"),
                    .init("tee_type", "0x\(String(header.teeType, radix: 16)) (\(kind))"),
                    .init("qe_svn", "\(header.qeSVN)"),
                    .init("pce_svn", "\(header.pceSVN)"),
                    .init("qe_vendor_id", Hex.encode(header.qeVendorID) + (header.qeVendorID == QuoteHeader.intelQEVendorID ? " (Intel)" : "")),
                    .init("user_data", Hex.encode(header.userData)),
                ] + (quote.bodyType.map { [.init("body_type", "\($0)")] } ?? [])))
        switch quote.body {
        case .td(let report): inspection.sections.append(Self.section(report))
        case .enclave(let report): inspection.sections.append(Self.section(report, title: "Enclave report"))
        }
        let signature = quote.signatureData
        let qe = quote.qe
        inspection.sections.append(
            Inspection.Section(
                "Signature data",
                [
                    .init("signature", Hex.encode(signature.signature)),
                    .init("attestation_key", Hex.encode(signature.attestationKey)),
                    .init("qe_report_signature", Hex.encode(qe.qeReportSignature)),
                    .init("qe_authentication_data", Hex.encode(qe.qeAuthenticationData)),
                    .init("certification_data_type", "\(qe.certificationData.type) (\(CertificationDataType.name(of: qe.certificationData.type)))"),
                    .init("certification_data_size", "\(qe.certificationData.data.count)"),
                ]))
        inspection.sections.append(Self.section(qe.qeReport, title: "QE report"))
        if qe.certificationData.type == CertificationDataType.pckCertificateChain {
            inspection.sections.append(Self.section(chain: qe.certificationData.data))
        }
        if let log = evidence.attachments[Evidence.eventLogAttachment] {
            inspection.sections.append(Self.section(eventLog: log, table: evidence.attachments[Evidence.ccelTableAttachment]))
        }
        return inspection
    }

    static func section(_ report: TDReportBody) -> Inspection.Section {
        let attributes = report.tdAttributes
        var fields: [Inspection.Field] = [
            .init("tee_tcb_svn", Hex.encode(report.teeTCBSVN) + " (module SVN \(report.teeTCBSVN[0]), version \(report.teeTCBSVN[1]))"),
            .init("mr_seam", Hex.encode(report.mrSeam)),
            .init("mr_signer_seam", Hex.encode(report.mrSignerSeam)),
            .init("seam_attributes", Hex.encode(report.seamAttributes)),
            .init(
                "td_attributes",
                Hex.encode(attributes.bytes)
                    + " (debug \(attributes.debug ? "ON: the host can read the TD" : "off"), sept_ve_disable \(attributes.septVEDisable), pks \(attributes.pks), key_locker \(attributes.keyLocker), perfmon \(attributes.perfmon))"),
            .init("xfam", Hex.encode(report.xfam)),
            .init("mr_td", Hex.encode(report.mrTD)),
            .init("mr_config_id", Hex.encode(report.mrConfigID)),
            .init("mr_owner", Hex.encode(report.mrOwner)),
            .init("mr_owner_config", Hex.encode(report.mrOwnerConfig)),
        ]
        for (index, rtmr) in report.rtmrs.enumerated() { fields.append(.init("rtmr\(index)", Hex.encode(rtmr))) }
        fields.append(.init("report_data", Hex.encode(report.reportData)))
        if let svn2 = report.teeTCBSVN2 { fields.append(.init("tee_tcb_svn2", Hex.encode(svn2))) }
        if let service = report.mrServiceTD { fields.append(.init("mr_service_td", Hex.encode(service))) }
        return Inspection.Section("TD report \(report.isVersion15 ? "1.5" : "1.0")", fields)
    }

    static func section(_ report: EnclaveReportBody, title: String) -> Inspection.Section {
        let attributes = report.attributes
        return Inspection.Section(
            title,
            [
                .init("cpu_svn", Hex.encode(report.cpuSVN)),
                .init("misc_select", "0x" + String(report.miscSelect, radix: 16)),
                .init("isv_ext_prod_id", Hex.encode(report.isvExtProdID)),
                .init(
                    "attributes",
                    Hex.encode(attributes.bytes)
                        + " (debug \(attributes.debug ? "ON: a debugger can read the enclave" : "off"), mode64bit \(attributes.mode64Bit), provision_key \(attributes.provisionKey), kss \(attributes.kss))"),
                .init("mr_enclave", Hex.encode(report.mrEnclave)),
                .init("mr_signer", Hex.encode(report.mrSigner)),
                .init("config_id", Hex.encode(report.configID)),
                .init("isv_prod_id", "\(report.isvProdID)"),
                .init("isv_svn", "\(report.isvSVN)"),
                .init("config_svn", "\(report.configSVN)"),
                .init("isv_family_id", Hex.encode(report.isvFamilyID)),
                .init("report_data", Hex.encode(report.reportData)),
            ])
    }

    static func section(chain pem: [UInt8]) -> Inspection.Section {
        guard let chain = try? PCKCertificateChain(pem: pem) else {
            return Inspection.Section("PCK certificate chain", [.init("error", "not a readable PEM chain with an SGX extension")])
        }
        var fields: [Inspection.Field] = chain.certificates.enumerated().map { index, certificate in
            .init("certificate[\(index)]", certificate.summary)
        }
        let sgx = chain.extensions
        fields += [
            .init("fmspc", Hex.encode(sgx.fmspc)),
            .init("pce_id", Hex.encode(sgx.pceID)),
            .init("cpu_svn", Hex.encode(sgx.cpuSVN)),
            .init("pce_svn", "\(sgx.pceSVN)"),
            .init("sgx_tcb_components", sgx.tcbComponents.map(String.init).joined(separator: " ")),
            .init("sgx_type", "\(sgx.sgxType)"),
            .init("ppid", Hex.encode(sgx.ppid)),
        ]
        return Inspection.Section("PCK certificate chain", fields)
    }

    static func section(eventLog: [UInt8], table: [UInt8]?) -> Inspection.Section {
        do {
            var area = eventLog[...]
            var fields: [Inspection.Field] = []
            if let table {
                let ccel = try CCELTable(parsing: table)
                area = eventLog.prefix(Int(min(ccel.logAreaMinimumLength, UInt64(eventLog.count))))
                fields.append(.init("laml", "\(ccel.logAreaMinimumLength) bytes at 0x\(String(ccel.logAreaStartAddress, radix: 16))"))
            }
            let log = try CCEventLog(parsing: area)
            let replay = try RTMRReplay(log: log)
            fields.append(.init("events", "\(log.events.count)"))
            for (index, rtmr) in replay.rtmrs.enumerated() {
                fields.append(.init("replayed rtmr\(index)", "\(Hex.encode(rtmr)) (\(replay.events[index].count) events)"))
            }
            return Inspection.Section("CC event log", fields)
        } catch {
            return Inspection.Section("CC event log", [.init("error", "\(error)")])
        }
    }
}
