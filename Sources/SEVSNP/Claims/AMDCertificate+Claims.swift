import AttestationCore

extension AMDCertificate {
    /// The endorsement claims of a VCEK/VLEK and its chain: `{kind, subject_cn, serial, not_before, not_after,
    /// product_name, struct_version, spl {"N": …}, hwid, hwid_encoding, csp_id, ask, ark}` (present members only;
    /// `serial` is lowercase hex of the serial number's magnitude, "00" for 0).
    func endorsementClaims(intermediate: AMDCertificate, root: AMDCertificate) -> JSONValue {
        var members = extensions.claims
        members["kind"] = .string(role.rawValue)
        members["subject_cn"] = .string(name)
        members["serial"] = .string(certificate.serialNumber.isEmpty ? "00" : Hex.encode(certificate.serialNumber))
        members["not_before"] = .string(RFC3339.format(certificate.notBefore))
        members["not_after"] = .string(RFC3339.format(certificate.notAfter))
        members["ask"] = .string(intermediate.name)
        members["ark"] = .string(root.name)
        return .object(members)
    }
}
