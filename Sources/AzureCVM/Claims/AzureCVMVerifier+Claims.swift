import AttestationCore
import Crypto
import PKI
import TPM
import _CryptoExtras

extension AzureCVMVerifier {
    /// `hcl {version, report_type, runtime_data_hash_type, runtime_keys, ak_pub_sha256, td_report_type, verified}`.
    func hclClaims(_ evidence: AzureEvidence, key: Result<VerificationKey, AzureCVMError>, verified: Bool) -> JSONValue {
        let hcl = evidence.hclReport
        var claims: Claims = [
            "version": .unsigned(hcl.version),
            "report_type": .string(hcl.reportType.description),
            "runtime_data_hash_type": .unsigned(hcl.runtimeDataHashType),
            "runtime_keys": .array(evidence.runtimeData.keyIDs.map(JSONValue.string)),
            "verified": .bool(verified),
        ]
        if case .success(.rsa(let key)) = key {
            claims["ak_pub_sha256"] = .hex(SHA256.hash(data: key.derRepresentation))
        }
        if hcl.reportType == .tdx, let report = try? TDReport(parsing: hcl.hardwareReport) {
            claims["td_report_type"] = .integer(Int64(report.type))
        }
        if let reserved = hcl.reservedFields.claim { claims["reserved_nonzero"] = reserved }
        return .object(claims)
    }

    /// `runtime {vm_configuration, user_data}`: the HCL runtime data's members (user data as lowercase hex).
    func runtimeClaims(_ runtime: HCLRuntimeData) -> JSONValue {
        .object([
            "vm_configuration": runtime.vmConfiguration ?? .null,
            "user_data": runtime.userData.map { .string($0.lowercased()) } ?? .null,
        ])
    }

    /// `vtpm {pcrs {sha256: {"0": hex, …}}, pcr_select, pcr_digest, extra_data, clock, firmware_version, verified}`.
    func vtpmClaims(_ quote: VTPMQuote, verified: Bool) -> JSONValue {
        let attest = quote.attest
        var claims: Claims = [
            "extra_data": .hex(attest.extraData),
            "clock": .unsigned(attest.clockInfo.clock),
            "firmware_version": .string("0x" + Hex.encode(withUnsafeBytes(of: attest.firmwareVersion.bigEndian, Array.init))),
            "verified": .bool(verified),
        ]
        if let values = Self.pcrValues(quote) { claims["pcrs"] = values.json }
        if let info = attest.quoteInfo {
            claims["pcr_digest"] = .hex(info.pcrDigest)
            let banks = Dictionary(grouping: info.pcrSelect.entries, by: \.hash.name)
            claims["pcr_select"] = .array(
                banks.keys.sorted().map { bank in
                    .object(["hash": .string(bank), "pcrs": .array((banks[bank] ?? []).map { .integer(Int64($0.index)) })])
                })
        }
        return .object(claims)
    }
}
