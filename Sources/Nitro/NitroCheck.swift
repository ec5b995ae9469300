public import AttestationCore

/// The names of the Nitro checks, as verdicts show them (those `expected.jsonl` names keep its names).
public struct NitroCheck: CheckName, Hashable {
    public let rawValue: String

    /// The protected header names ES384 (`{1: -35}`), the only algorithm the NSM uses.
    public static let coseAlgES384 = NitroCheck(rawValue: "cose_alg_es384")
    /// The COSE signature verifies with the document certificate's P-384 key.
    public static let coseSignature = NitroCheck(rawValue: "cose_signature")
    /// The certificate links up to a trusted root through the CA bundle, every signature verified.
    public static let chainSignatures = NitroCheck(rawValue: "nitro_chain_signatures")
    /// Every certificate of the chain is valid at the instant.
    public static let chainValidity = NitroCheck(rawValue: "nitro_chain_validity")
    /// The bundle's issuers are CAs allowed to sign certificates.
    public static let caConstraints = NitroCheck(rawValue: "nitro_ca_constraints")
    /// The bundle's root is a trusted anchor: the pinned AWS Nitro Enclaves Root-G1, or one configured.
    public static let rootPinned = NitroCheck(rawValue: "nitro_root_pinned")
    /// The bundle's first certificate is the pinned root itself.
    public static let caBundleRootEqualsPinnedRoot = NitroCheck(rawValue: "cabundle_root_equals_pinned_root")
    /// The document's timestamp falls inside its certificate's validity.
    public static let timestampWithinLeafValidity = NitroCheck(rawValue: "timestamp_within_leaf_validity")
}
