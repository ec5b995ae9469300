public import AttestationCore

/// The names of the NVIDIA device checks, as verdicts show them (those `expected.jsonl` names keep its names). In an
/// evidence list each device's checks are prefixed with its position: `devices[3].report_signature`.
public struct NvidiaCheck: CheckName, Hashable {
    public let rawValue: String

    /// The request is a signed GET_MEASUREMENTS and the response a MEASUREMENTS of the same SPDM version.
    public static let requestIsGetMeasurements = NvidiaCheck(rawValue: "spdm_request_is_get_measurements")
    /// Every measurement block is DMTF-formatted, with consistent sizes and distinct indices, as many as declared.
    public static let measurementCountMatches = NvidiaCheck(rawValue: "measurement_count_matches")
    /// The chain holds at least a leaf and a root.
    public static let chainHasLeafAndRoot = NvidiaCheck(rawValue: "chain_has_leaf_and_root")
    /// The ECDSA P-384 signature over request ‖ response verifies with the leaf's key.
    public static let reportSignature = NvidiaCheck(rawValue: "report_signature")
    /// The chain's last certificate is the pinned NVIDIA Device Identity CA.
    public static let chainRootEqualsPinnedRoot = NvidiaCheck(rawValue: "chain_root_equals_pinned_root")
    /// The chain's root is a trusted anchor (by default the pinned NVIDIA Device Identity CA).
    public static let deviceRootPinned = NvidiaCheck(rawValue: "device_root_pinned")
    /// Every certificate is signed by the next, up to the trusted root.
    public static let deviceChainSignatures = NvidiaCheck(rawValue: "device_chain_signatures")
    /// Every certificate of the chain is valid at the instant.
    public static let deviceChainValidity = NvidiaCheck(rawValue: "device_chain_validity")
    /// The chain's validity windows overlap.
    public static let validityWindowNonempty = NvidiaCheck(rawValue: "validity_window_nonempty")
    /// The chain's issuers are CAs allowed to sign certificates.
    public static let deviceCAConstraints = NvidiaCheck(rawValue: "device_ca_constraints")
    /// Every device certificate is `good` in a current OCSP answer signed by its issuer (checked when collateral
    /// can be fetched).
    public static let deviceChainNotRevoked = NvidiaCheck(rawValue: "device_chain_not_revoked")
    /// The leaf's DICE TcbInfo FWID equals the FWID in the report's opaque data.
    public static let leafFWIDMatchesOpaqueFWID = NvidiaCheck(rawValue: "leaf_cert_fwid_matches_opaque_fwid")
    /// The nonce an evidence list declares equals the request's nonce.
    public static let declaredNonceMatchesRequest = NvidiaCheck(rawValue: "declared_nonce_matches_request")
}
