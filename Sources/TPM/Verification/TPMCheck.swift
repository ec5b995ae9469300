public import AttestationCore

/// The names of the TPM 2.0 checks, as verdicts show them.
public struct TPMCheck: CheckName, Hashable {
    public let rawValue: String

    /// The AK's and the EK's object attributes.
    public static let akAttributes = TPMCheck(rawValue: "ak_attributes")
    public static let ekAttributes = TPMCheck(rawValue: "ek_attributes")

    /// `<role>_certificate_chain`: the `ek` or `ak` certificate chains to a trusted root at the instant.
    public static func certificateChain(role: String) -> TPMCheck { TPMCheck(rawValue: "\(role)_certificate_chain") }

    /// `event_log_replay_<bank>`: the event log's digests of `bank` replay to the quoted PCRs.
    public static func eventLogReplay(_ bank: TPMAlgorithmID) -> TPMCheck { TPMCheck(rawValue: "event_log_replay_\(bank.name)") }

    /// One check of a quote: `quote_<part>`, or `quote_<bank>_<part>` when the evidence holds a quote per bank.
    public static func quote(_ label: String, _ part: QuotePart) -> TPMCheck {
        label == "quote" ? part.check : TPMCheck(rawValue: "\(label)_\(part.rawValue)")
    }

    /// The checks made on each quote.
    public enum QuotePart: String, Sendable {
        case magic, type, signature
        case pcrDigest = "pcr_digest"

        /// `quote_<part>`, named once rather than on every quote.
        var check: TPMCheck {
            switch self {
            case .magic: TPMCheck.quoteMagic
            case .type: TPMCheck.quoteType
            case .signature: TPMCheck.quoteSignature
            case .pcrDigest: TPMCheck.quotePCRDigest
            }
        }
    }

    static let quoteMagic = TPMCheck(rawValue: "quote_magic")
    static let quoteType = TPMCheck(rawValue: "quote_type")
    static let quoteSignature = TPMCheck(rawValue: "quote_signature")
    static let quotePCRDigest = TPMCheck(rawValue: "quote_pcr_digest")

    public static let akActivated = TPMCheck(rawValue: "ak_activated")
    public static let akCertificateMatchesAk = TPMCheck(rawValue: "ak_certificate_matches_ak")
    public static let akCertificatePurpose = TPMCheck(rawValue: "ak_certificate_purpose")
    public static let akCreationCertified = TPMCheck(rawValue: "ak_creation_certified")
    public static let credentialActivation = TPMCheck(rawValue: "credential_activation")
    public static let ekCertificateChain = TPMCheck(rawValue: "ek_certificate_chain")
    public static let ekCertificateMatchesEk = TPMCheck(rawValue: "ek_certificate_matches_ek")
    public static let ekCertificatePurpose = TPMCheck(rawValue: "ek_certificate_purpose")
    public static let nameAlgorithms = TPMCheck(rawValue: "name_algorithms")
}
