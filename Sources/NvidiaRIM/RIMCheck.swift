public import AttestationCore

/// The names of the NVIDIA RIM checks, as verdicts show them (those `expected.jsonl` names keep its names).
public struct RIMCheck: CheckName, Hashable {
    public let rawValue: String

    /// SignedInfo uses only the algorithms NVIDIA signs with: C14N 1.1, ECDSA-SHA384, the enveloped-signature
    /// transform followed by C14N 1.1, and SHA-384.
    public static let algorithmsSupported = RIMCheck(rawValue: "dsig_algorithms_supported")
    /// SignedInfo has exactly one Reference and its URI is "" (the whole document, minus the signature).
    public static let referenceIsWholeDocument = RIMCheck(rawValue: "reference_is_whole_document")
    /// The SHA-384 of the canonicalised document equals the Reference's DigestValue (xmlsec computes it).
    public static let documentDigest = RIMCheck(rawValue: "document_digest")
    /// The SignatureValue verifies over the canonicalised SignedInfo with the signer certificate's P-384 key.
    public static let signedInfoSignature = RIMCheck(rawValue: "signed_info_signature")
    /// Every certificate of the signer's chain is signed by the next, up to a self-signed root or an anchor.
    public static let chainSignatures = RIMCheck(rawValue: "rim_chain_signatures")
    /// The chain ends at a trusted anchor: the pinned NVIDIA CoRIM signing Root CA, or one configured.
    public static let rootPinned = RIMCheck(rawValue: "rim_root_pinned")
    /// The chain's issuers are CAs allowed to sign certificates; no certificate has a critical extension not understood.
    public static let caConstraints = RIMCheck(rawValue: "rim_ca_constraints")
    /// The certificates' validity periods overlap: there is an instant at which the whole chain is valid.
    public static let validityWindowNonempty = RIMCheck(rawValue: "validity_window_nonempty")
    /// Every certificate of the chain is valid at the instant of verification.
    public static let chainValidity = RIMCheck(rawValue: "rim_chain_validity")
}
