import AttestationCore

extension SNPEvidence {
    /// Largest JSON evidence document read.
    static let maxJSONBytes = 1024 * 1024

    /// Rebuilds evidence from CoCo trustee's serde JSON (virtee/sev `AttestationReport` + `cert_chain`).
    init(trusteeJSON bytes: [UInt8]) throws {
        guard bytes.count <= Self.maxJSONBytes else {
            throw SEVSNPError.malformedEvidenceJSON("\(bytes.count) bytes, above the limit of \(Self.maxJSONBytes)")
        }
        let document: JSONValue
        do { document = try JSONValue(parsing: bytes) } catch {
            throw SEVSNPError.malformedEvidenceJSON("\(error)")
        }
        guard let report = document["attestation_report"] else {
            throw SEVSNPError.malformedEvidenceJSON("no attestation_report member")
        }
        let json = TrusteeFields(report)
        let version = try json.integer("version", UInt32.self)
        let cpuid: CPUID? =
            version >= 3
            ? CPUID(
                family: try json.integer("cpuid_fam_id", UInt8.self), model: try json.integer("cpuid_mod_id", UInt8.self),
                stepping: try json.integer("cpuid_step", UInt8.self)) : nil
        let layout = cpuid?.generation?.tcbLayout ?? .preTurin
        let signature = try json.bytes("signature.r", 72) + json.bytes("signature.s", 72)
            + [UInt8](repeating: 0, count: 0x200 - 144)
        let rebuilt = try AttestationReport(
            version: version, guestSVN: try json.integer("guest_svn", UInt32.self),
            policy: try json.integer("policy", UInt64.self), familyID: try json.bytes("family_id", 16),
            imageID: try json.bytes("image_id", 16), vmpl: try json.integer("vmpl", UInt32.self),
            signatureAlgorithm: try json.integer("sig_algo", UInt32.self),
            currentTCB: try json.tcb("current_tcb", layout), platformInfo: try json.integer("plat_info", UInt64.self),
            keyInfo: try json.integer("key_info", UInt32.self), reportData: try json.bytes("report_data", 64),
            measurement: try json.bytes("measurement", 48), hostData: try json.bytes("host_data", 32),
            idKeyDigest: try json.bytes("id_key_digest", 48), authorKeyDigest: try json.bytes("author_key_digest", 48),
            reportID: try json.bytes("report_id", 32), reportIDMA: try json.bytes("report_id_ma", 32),
            reportedTCB: try json.tcb("reported_tcb", layout), cpuid: cpuid, chipID: try json.bytes("chip_id", 64),
            committedTCB: try json.tcb("committed_tcb", layout), currentVersion: try json.version("current"),
            committedVersion: try json.version("committed"), launchTCB: try json.tcb("launch_tcb", layout),
            launchMitigationVector: version >= 5 ? try json.integer("launch_mit_vector", UInt64.self) : nil,
            currentMitigationVector: version >= 5 ? try json.integer("current_mit_vector", UInt64.self) : nil,
            signature: signature)
        let chain = document["cert_chain"]?.arrayValue ?? []
        guard chain.count <= CertificateTable.maxEntries else {
            throw SEVSNPError.malformedEvidenceJSON("cert_chain has more than \(CertificateTable.maxEntries) entries")
        }
        let entries = try chain.enumerated().map { index, item -> CertificateTable.Entry in
            let fields = TrusteeFields(item)
            let type = item["cert_type"]?.stringValue?.lowercased() ?? ""
            guard let kind = CertificateTable.Kind.allCases.first(where: { "\($0)" == type }) else {
                throw SEVSNPError.malformedEvidenceJSON("cert_chain[\(index)].cert_type '\(type)' is not VCEK, VLEK, ASK or ARK")
            }
            return CertificateTable.Entry(guid: kind.guid, data: try fields.bytes("data", nil))
        }
        self.init(report: rebuilt, certificates: CertificateTable(entries: entries))
    }
}
