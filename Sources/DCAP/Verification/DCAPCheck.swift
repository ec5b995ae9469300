public import AttestationCore

/// The names of the DCAP (TDX and SGX) checks, as verdicts show them.
public struct DCAPCheck: CheckName, Hashable {
    public let rawValue: String

    /// What a family of DCAP checks is about: a CRL or a signed collateral document.
    public enum Subject: String, Sendable {
        case rootCRL = "root_crl"
        case pckCRL = "pck_crl"
        case tcbInfo = "tcb_info"
        case qeIdentity = "qe_identity"
    }

    /// A certification path DCAP checks: the PCK chain, or the issuer chain of a signed collateral document.
    public enum Path: Sendable {
        case pck
        case issuer(of: Subject)

        /// The prefix of its checks' names.
        var prefix: String {
            switch self {
            case .pck: "pck"
            case .issuer(let subject): "\(subject.rawValue)_issuer"
            }
        }
    }

    /// `<subject>_signature`: the CRL or document is signed by its issuer.
    public static func signature(_ subject: Subject) -> DCAPCheck { DCAPCheck(rawValue: "\(subject.rawValue)_signature") }
    /// `<subject>_validity`: the CRL or document is in force at the instant.
    public static func validity(_ subject: Subject) -> DCAPCheck { DCAPCheck(rawValue: "\(subject.rawValue)_validity") }
    /// `<document>_issuer_not_revoked`: the document's signing certificate is not revoked.
    public static func issuerNotRevoked(_ subject: Subject) -> DCAPCheck {
        DCAPCheck(rawValue: "\(subject.rawValue)_issuer_not_revoked")
    }
    /// `<path>_root_pinned`: the path ends at the pinned Intel root.
    public static func rootPinned(_ path: Path) -> DCAPCheck { DCAPCheck(rawValue: "\(path.prefix)_root_pinned") }
    /// `<path>_chain_signatures`: every certificate of the path is signed by its issuer.
    public static func chainSignatures(_ path: Path) -> DCAPCheck { DCAPCheck(rawValue: "\(path.prefix)_chain_signatures") }
    /// `<path>_chain_validity`: every certificate of the path is valid at the instant.
    public static func chainValidity(_ path: Path) -> DCAPCheck { DCAPCheck(rawValue: "\(path.prefix)_chain_validity") }
    /// `<path>_chain_ca_constraints`: every issuer of the path is a CA within its path length.
    public static func chainCAConstraints(_ path: Path) -> DCAPCheck {
        DCAPCheck(rawValue: "\(path.prefix)_chain_ca_constraints")
    }
    /// `ccel_replay_matches_rtmr<index>`: the CC event log replays to the quote's RTMR.
    public static func ccelReplayMatchesRTMR(_ index: Int) -> DCAPCheck {
        DCAPCheck(rawValue: "ccel_replay_matches_rtmr\(index)")
    }

    public static let attestationKeyOnCurve = DCAPCheck(rawValue: "attestation_key_on_curve")
    public static let ccelAcpiTableChecksum = DCAPCheck(rawValue: "ccel_acpi_table_checksum")
    public static let pckCertificateSubject = DCAPCheck(rawValue: "pck_certificate_subject")
    public static let pckIntermediateNotRevoked = DCAPCheck(rawValue: "pck_intermediate_not_revoked")
    public static let pckNotRevoked = DCAPCheck(rawValue: "pck_not_revoked")
    public static let qeIdentityMatchesQeReport = DCAPCheck(rawValue: "qe_identity_matches_qe_report")
    public static let qeReportDataBindsAttestationKey = DCAPCheck(rawValue: "qe_report_data_binds_attestation_key")
    public static let qeReportSignature = DCAPCheck(rawValue: "qe_report_signature")
    public static let qeVendorId = DCAPCheck(rawValue: "qe_vendor_id")
    public static let quoteSignature = DCAPCheck(rawValue: "quote_signature")
    public static let tcbInfoPceIdMatchesPck = DCAPCheck(rawValue: "tcb_info_pce_id_matches_pck")
    public static let tcbStatusNotRevoked = DCAPCheck(rawValue: "tcb_status_not_revoked")
    public static let tdxModuleIdentity = DCAPCheck(rawValue: "tdx_module_identity")
}
