import AssayTestSupport
import AttestationCore
import Testing

/// The mapping from the fields of the Azure vectors in `expected.jsonl` to the claims: the HCL and vTPM fields
/// below, the SEV-SNP fields through ``SNPVectorFieldMapping``, the TD fields (`td_*`) to the `tdx` claims. Every
/// field must have a mapping: an unknown one fails the test.
///
/// | expected.jsonl field | claim |
/// |---|---|
/// | hcl_report_type, hcl_runtime_data_hash_type, hcl_runtime_keys, hcl_ak_pub_sha256, hcl_td_report_type | hcl.report_type, hcl.runtime_data_hash_type, hcl.runtime_keys, hcl.ak_pub_sha256, hcl.td_report_type |
/// | hcl_vm_configuration, hcl_user_data (hex, any case) | runtime.vm_configuration, runtime.user_data (lowercase) |
/// | vtpm_pcrs_sha256, vtpm_quote_clock, vtpm_quote_extra_data, vtpm_quote_pcr_digest, vtpm_quote_pcr_select, vtpm_firmware_version | vtpm.pcrs.sha256, vtpm.clock, vtpm.extra_data, vtpm.pcr_digest, vtpm.pcr_select, vtpm.firmware_version |
/// | td_mr_td, td_rtmr0, td_report_data, td_xfam, … | mr_td, rtmr0, report_data, xfam, … |
/// | td_td_attributes, td_td_attributes_debug | td_attributes.raw, td_attributes.debug |
/// | fmspc | fmspc |
/// | tcb_*, tdx_module_* | absent: they come from the TCB info that is not shipped |
enum AzureFieldMapping {
    static let paths: [String: String] = [
        "hcl_report_type": "hcl.report_type", "hcl_runtime_data_hash_type": "hcl.runtime_data_hash_type",
        "hcl_runtime_keys": "hcl.runtime_keys", "hcl_ak_pub_sha256": "hcl.ak_pub_sha256",
        "hcl_td_report_type": "hcl.td_report_type", "hcl_vm_configuration": "runtime.vm_configuration",
        "vtpm_pcrs_sha256": "vtpm.pcrs.sha256", "vtpm_quote_clock": "vtpm.clock", "vtpm_quote_extra_data": "vtpm.extra_data",
        "vtpm_quote_pcr_digest": "vtpm.pcr_digest", "vtpm_quote_pcr_select": "vtpm.pcr_select",
        "vtpm_firmware_version": "vtpm.firmware_version", "td_td_attributes": "td_attributes.raw",
        "td_td_attributes_debug": "td_attributes.debug", "fmspc": "fmspc",
    ]
    static let tdFields: Set<String> = [
        "td_mr_config_id", "td_mr_owner", "td_mr_owner_config", "td_mr_seam", "td_mr_signer_seam", "td_mr_td",
        "td_report_data", "td_rtmr0", "td_rtmr1", "td_rtmr2", "td_rtmr3", "td_seam_attributes", "td_tee_tcb_svn", "td_xfam",
    ]
    static let unshipped: Set<String> = [
        "tcb_status", "tcb_date", "tcb_advisory_ids", "tcb_evaluation_data_number", "tcb_info_id", "tcb_info_issue_date",
        "tcb_info_next_update", "tdx_module_identity", "tdx_module_tcb_status",
    ]

    /// Expects every field of `vector` to equal its claim.
    static func expectMatch(_ vector: SharedVectors.Vector, claims: Claims) throws {
        let object = JSONValue.object(claims)
        var snpFields: [String: JSONValue] = [:]
        let isSNP = vector.id.hasPrefix("azure-snp")
        for (name, expected) in vector.fields.objectValue ?? [:] {
            if let path = paths[name] {
                #expect(object.value(atPath: path) == expected, "\(vector.id): \(name) = \(expected.compactText), claim \(path) is \(object.value(atPath: path)?.compactText ?? "absent")")
            } else if name == "hcl_user_data" {
                #expect(object.value(atPath: "runtime.user_data") == expected.stringValue.map { .string($0.lowercased()) }, "\(vector.id): \(name)")
            } else if tdFields.contains(name) {
                let path = String(name.dropFirst("td_".count))
                #expect(object[path] == expected, "\(vector.id): \(name) = \(expected.compactText), claim \(path) is \(object[path]?.compactText ?? "absent")")
            } else if unshipped.contains(name) {
                #expect(object[name] == nil, "\(vector.id): \(name) needs unshipped collateral, yet is a claim")
            } else if isSNP {
                snpFields[name] = expected
            } else {
                Issue.record("\(vector.id): field \(name) has no mapping to a claim")
            }
        }
        if isSNP { try SNPVectorFieldMapping.expectMatch(.object(snpFields), claims: claims, vector: vector.id) }
    }
}
