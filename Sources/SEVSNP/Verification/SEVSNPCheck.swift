public import AttestationCore

/// The names of the SEV-SNP checks, as verdicts show them.
public struct SEVSNPCheck: CheckName, Hashable {
    public let rawValue: String

    /// `<role>_validity`: the ARK, ASK/ASVK or VCEK/VLEK certificate is valid at the instant.
    public static func validity(of role: AMDCertificate.Role) -> SEVSNPCheck { SEVSNPCheck(rawValue: "\(role.rawValue)_validity") }

    /// `<role>_not_revoked`: the certificate is not on its issuer's CRL.
    public static func notRevoked(_ role: AMDCertificate.Role) -> SEVSNPCheck {
        SEVSNPCheck(rawValue: "\(role.rawValue)_not_revoked")
    }

    public static let amdCaConstraints = SEVSNPCheck(rawValue: "amd_ca_constraints")
    public static let amdChainSignatures = SEVSNPCheck(rawValue: "amd_chain_signatures")
    public static let amdRootPinned = SEVSNPCheck(rawValue: "amd_root_pinned")
    public static let arkAskProductMatches = SEVSNPCheck(rawValue: "ark_ask_product_matches")
    public static let crlCurrent = SEVSNPCheck(rawValue: "crl_current")
    public static let crlSignature = SEVSNPCheck(rawValue: "crl_signature")
    public static let intermediateMatchesSigner = SEVSNPCheck(rawValue: "intermediate_matches_signer")
    public static let reportGenerationKnown = SEVSNPCheck(rawValue: "report_generation_known")
    public static let reportGenerationMatchesCert = SEVSNPCheck(rawValue: "report_generation_matches_cert")
    public static let reportSignature = SEVSNPCheck(rawValue: "report_signature")
    public static let rootGenerationMatchesReport = SEVSNPCheck(rawValue: "root_generation_matches_report")
    public static let signatureAlgoIsEcdsaP384Sha384 = SEVSNPCheck(rawValue: "signature_algo_is_ecdsa_p384_sha384")
    public static let signingKeyMatchesCertKind = SEVSNPCheck(rawValue: "signing_key_matches_cert_kind")
    public static let vcekHwidMatchesChipId = SEVSNPCheck(rawValue: "vcek_hwid_matches_chip_id")
    public static let vcekIsP384 = SEVSNPCheck(rawValue: "vcek_is_p384")
    public static let vcekTcbMatchesReportedTcb = SEVSNPCheck(rawValue: "vcek_tcb_matches_reported_tcb")
}
