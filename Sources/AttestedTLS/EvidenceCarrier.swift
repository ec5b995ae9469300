/// Where in a certificate attestation evidence travels, and how that evidence binds the certificate's key.
public enum EvidenceCarrier: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `id-pe-cmw` (draft-ietf-rats-msg-wrap): a CBOR CMW record or collection. Assay's own certificates: evidence
    /// bound, by the TEE's own rule, to the CBOR ``KeyBindingClaims``; in passport mode also an EAR token.
    case cmw
    /// TCG DICE tagged evidence (Gramine ≥ 1.8, Intel's SGX SDK, rats-tls): tag 60000 `[quote, claims]`,
    /// report_data[0:32] = SHA-256(claims).
    case tcgTaggedEvidence
    /// Gramine's legacy extension: a raw SGX quote whose report_data[0:32] = SHA-256(SPKI DER).
    case gramineLegacy
    /// Intel SGX SDK's legacy quote extension, judged with the same binding as Gramine's (its own binding is not
    /// SHA-256(SPKI); certificates that carry it also carry TCG tagged evidence, which is preferred).
    case intelSDKLegacy
    /// Evervault's Nitro certificates: the COSE_Sign1 attestation document, hex, as the first label of a
    /// subjectAltName dNSName; its `user_data` is the certificate's SPKI DER.
    case nitroSubjectAltName

    /// The extension's OID in dotted form as it appears on the wire.
    public var oid: String {
        switch self {
        case .cmw: return "1.3.6.1.5.5.7.1.35"
        case .tcgTaggedEvidence: return "2.23.133.5.4.9"
        // Gramine's constant includes the DER tag and length bytes (06 09), so the OID on the wire starts 0.6.9.
        case .gramineLegacy: return "0.6.9.42.840.113741.1337.6"
        case .intelSDKLegacy: return "1.2.840.113741.1.13.1"
        case .nitroSubjectAltName: return "2.5.29.17"
        }
    }

    /// The name printed in results (`binding.carrier`).
    public var description: String {
        switch self {
        case .cmw: return "id-pe-cmw"
        case .tcgTaggedEvidence: return "tcg-tagged-evidence"
        case .gramineLegacy: return "gramine-legacy"
        case .intelSDKLegacy: return "intel-sgx-sdk-legacy"
        case .nitroSubjectAltName: return "nitro-subject-alt-name"
        }
    }

    /// Carriers in the order they are judged when a certificate has several (the first present wins).
    public static let precedence: [EvidenceCarrier] = [
        .cmw, .tcgTaggedEvidence, .nitroSubjectAltName, .gramineLegacy, .intelSDKLegacy,
    ]
}
