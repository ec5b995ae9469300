import AttestationCore
import SEVSNP

/// `snp-report`: SEV-SNP evidence as a verifier and `assay inspect` receive it — a bare or extended report
/// (report ‖ certificate table), CoCo trustee's JSON, or either written as hex or base64 text — through
/// ``SNPEvidence``, the report's claims and the inspector (which also reads every certificate in the table).
public enum SNPReportFuzzTarget: FuzzTarget {
    public static let name = "snp-report"

    public static func run(_ bytes: [UInt8]) {
        check(bytes)
        let decoded = EvidenceEncoding.decode(bytes)
        if decoded.encoding != .raw { check(decoded.bytes) }
        _ = try? CertificateTable(parsing: bytes[...])
    }

    static func check(_ bytes: [UInt8]) {
        let evidence = Evidence(tee: .snp, bytes: bytes)
        _ = try? SEVSNPInspector().inspect(evidence).text
        guard let parsed = try? SNPEvidence(parsing: evidence) else { return }
        _ = JSONValue.object(parsed.report.claims).compactBytes
        // The blob `assay attest` writes must read back as the same evidence.
        let again = try? SNPEvidence(parsing: Evidence(tee: .snp, bytes: parsed.serialized))
        FuzzInput.require(again == parsed, "SNPEvidence.serialized does not parse back to the same evidence")
    }
}
