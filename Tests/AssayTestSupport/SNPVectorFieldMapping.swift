public import AttestationCore
import Testing

/// The explicit mapping from the field names of `expected.jsonl` (the vector generator's vocabulary) to Assay's
/// SEV-SNP claims (ARCHITECTURE.md §4 plus `endorsement`). Every field of a vector must have an entry here: an
/// unknown field fails the test rather than being skipped.
///
/// | expected.jsonl field | claim |
/// |---|---|
/// | version, guest_svn, vmpl, signature_algo, family_id, image_id, report_data, measurement, host_data, id_key_digest, author_key_digest, report_id, report_id_ma, chip_id, generation | same name |
/// | reported_tcb, committed_tcb, current_tcb, launch_tcb `{bootloader, tee, snp, microcode}` | same name (object) |
/// | policy `"0xb0000"` | policy.value (integer) |
/// | policy_abi `"0.31"` | "policy.abi_major.policy.abi_minor" |
/// | policy_flags `[smt_allowed, reserved_must_be_one, debug_allowed, …]` | policy.smt, bit 17 of policy.value, policy.debug, policy.migrate_ma, policy.single_socket, … |
/// | platform_info `"0x1"` | platform_info.value |
/// | author_key_en, mask_chip_key `0/1` | author_key_en, mask_chip_key (bool) |
/// | current_fw, committed_fw `"1.49.3"` | current_version, committed_version `{major, minor, build}` |
/// | cpuid_fam_id, cpuid_mod_id, cpuid_step | cpuid.family, cpuid.model, cpuid.stepping |
/// | signature_r, signature_s | signature.r, signature.s |
/// | signing_key `"VCEK"` | signer `"vcek"` |
/// | ark, ask | endorsement.ark, endorsement.ask |
/// | vcek_subject_cn, vcek_product_name, vcek_serial | endorsement.subject_cn, endorsement.product_name, endorsement.serial (hex) |
/// | vcek_extensions `{structVersion, productName, spl_N, hwID, hwID_encoding}` | endorsement `{struct_version, product_name, spl.N, hwid, hwid_encoding}` |
public enum SNPVectorFieldMapping {
    static let sameName: Set<String> = [
        "version", "guest_svn", "vmpl", "signature_algo", "family_id", "image_id", "report_data", "measurement",
        "host_data", "id_key_digest", "author_key_digest", "report_id", "report_id_ma", "chip_id", "generation",
        "reported_tcb", "committed_tcb", "current_tcb", "launch_tcb",
    ]

    /// The policy flag names the vectors use, and the claim (or policy bit) each one is.
    static let policyFlags: [String: @Sendable (JSONValue) -> Bool] = [
        "smt_allowed": { $0["smt"]?.boolValue == true },
        "reserved_must_be_one": { ($0["value"]?.integerValue ?? 0) & (1 << 17) != 0 },
        "migrate_ma_allowed": { $0["migrate_ma"]?.boolValue == true },
        "debug_allowed": { $0["debug"]?.boolValue == true },
        "single_socket_required": { $0["single_socket"]?.boolValue == true },
        "cxl_allowed": { $0["cxl_allowed"]?.boolValue == true },
        "mem_aes_256_xts": { $0["mem_aes_256_xts"]?.boolValue == true },
        "rapl_dis": { $0["rapl_disabled"]?.boolValue == true },
        "ciphertext_hiding": { $0["ciphertext_hiding"]?.boolValue == true },
        "page_swap_disable": { $0["page_swap_disabled"]?.boolValue == true },
    ]

    static func hexInteger(_ text: String?) -> Int64? {
        guard let text, text.hasPrefix("0x") else { return nil }
        return Int64(text.dropFirst(2), radix: 16)
    }

    static func version(_ claim: JSONValue?) -> String? {
        guard let claim, let major = claim["major"]?.integerValue, let minor = claim["minor"]?.integerValue,
            let build = claim["build"]?.integerValue
        else { return nil }
        return "\(major).\(minor).\(build)"
    }

    /// Expects every field of a vector to equal its mapped claim.
    public static func expectMatch(_ fields: JSONValue, claims: Claims, vector: String) throws {
        let object = JSONValue.object(claims)
        let endorsement = object["endorsement"] ?? .null
        for (name, expected) in fields.objectValue ?? [:] {
            let observed: JSONValue?
            switch name {
            case _ where sameName.contains(name): observed = object[name]
            case "policy": observed = hexInteger(expected.stringValue).map { _ in object["policy"]?["value"] ?? .null }
            case "policy_abi":
                observed = (object["policy"]?["abi_major"]?.integerValue).flatMap { major in
                    object["policy"]?["abi_minor"]?.integerValue.map { .string("\(major).\($0)") }
                }
            case "policy_flags":
                let policy = object["policy"] ?? .null
                let known = try (expected.arrayValue ?? []).map { flag -> String in
                    let name = try #require(flag.stringValue)
                    #expect(policyFlags[name] != nil, "\(vector): policy flag \(name) has no mapping")
                    return name
                }
                let set = policyFlags.filter { $0.value(policy) }.map(\.key)
                #expect(Set(set) == Set(known), "\(vector): policy_flags")
                continue
            case "platform_info": observed = object["platform_info"]?["value"]
            case "author_key_en", "mask_chip_key": observed = object[name]?.boolValue.map { .integer($0 ? 1 : 0) }
            case "current_fw": observed = version(object["current_version"]).map(JSONValue.string)
            case "committed_fw": observed = version(object["committed_version"]).map(JSONValue.string)
            case "cpuid_fam_id": observed = object["cpuid"]?["family"]
            case "cpuid_mod_id": observed = object["cpuid"]?["model"]
            case "cpuid_step": observed = object["cpuid"]?["stepping"]
            case "signature_r": observed = object["signature"]?["r"]
            case "signature_s": observed = object["signature"]?["s"]
            case "signing_key": observed = object["signer"]?.stringValue.map { .string($0.uppercased()) }
            case "ark", "ask": observed = endorsement[name]
            case "vcek_subject_cn": observed = endorsement["subject_cn"]
            case "vcek_product_name": observed = endorsement["product_name"]
            case "vcek_serial":
                observed = endorsement["serial"]?.stringValue.flatMap { Int64($0, radix: 16) }.map(JSONValue.integer)
            case "vcek_extensions":
                try expectExtensions(expected, endorsement.objectValue ?? [:], vector: vector)
                continue
            default:
                Issue.record("\(vector): field \(name) has no mapping to a claim")
                continue
            }
            let comparable = ["policy", "platform_info"].contains(name) ? hexInteger(expected.stringValue).map(JSONValue.integer) : expected
            #expect(observed == comparable, "\(vector): \(name) expected \(expected), claim is \(observed.map(\.compactText) ?? "absent")")
        }
    }

    /// Expects a vector's `vcek_extensions`/`extensions` object to equal the endorsement claims.
    public static func expectExtensions(_ expected: JSONValue, _ claims: [String: JSONValue], vector: String) throws {
        let object = JSONValue.object(claims)
        for (name, value) in expected.objectValue ?? [:] {
            let observed: JSONValue?
            switch name {
            case "hwID": observed = object["hwid"]
            case "hwID_encoding": observed = object["hwid_encoding"]
            case "productName": observed = object["product_name"]
            case "structVersion": observed = object["struct_version"]
            case _ where name.hasPrefix("spl_"): observed = object["spl"]?[String(name.dropFirst(4))]
            default:
                Issue.record("\(vector): extension field \(name) has no mapping")
                continue
            }
            #expect(observed == value, "\(vector): \(name) expected \(value), claim is \(observed.map(\.compactText) ?? "absent")")
        }
        let splCount = (expected.objectValue ?? [:]).keys.filter { $0.hasPrefix("spl_") }.count
        #expect(object["spl"]?.objectValue?.count == splCount, "\(vector): SPL extensions")
    }
}
