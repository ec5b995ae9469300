public import AttestationCore

/// TPM evidence, parsed from any of the formats Assay accepts: tpm2-tools files (a TPMS_ATTEST with named
/// attachments), the go-tpm-tools `Attestation` protobuf (GCE), or a go-attestation JSON dump.
public struct TPMEvidence: Sendable, Hashable {
    /// Bound on the quotes in one piece of evidence (one per PCR bank in practice).
    public static let maxQuotes = 16
    /// Bound on the intermediate certificates carried with an AK certificate.
    public static let maxIntermediates = 8
    /// Bound on one DER certificate.
    public static let maxCertificateBytes = 16 * 1024

    /// Names of ``Evidence/attachments`` for tpm2-tools style evidence (the primary blob is the TPMS_ATTEST).
    public enum Attachment: String, Sendable, CaseIterable {
        /// The TPMT_SIGNATURE (`tpm2_quote -s`).
        case signature
        /// The AK public area (TPM2B_PUBLIC or TPMT_PUBLIC) or its PEM/DER SubjectPublicKeyInfo.
        case akPublic = "ak_public"
        /// The PCR values (`tpm2_quote -o`, serialized or values layout).
        case pcrs
        /// A TCG event log (`binary_bios_measurements`).
        case eventLog = "event_log"
        /// The EK certificate (PEM or DER).
        case ekCertificate = "ek_certificate"
        /// An AK certificate, optionally followed by its intermediates (PEM or DER).
        case akCertificate = "ak_certificate"
    }

    /// Where the evidence came from.
    public enum Format: String, Sendable, Hashable {
        /// A TPMS_ATTEST with attachments, as tpm2-tools and `assay attest --tee tpm` write them.
        case tpm2Tools = "tpm2-tools"
        /// go-tpm-tools' `attest.Attestation` protobuf.
        case goTPMTools = "go-tpm-tools"
        /// A go-attestation JSON dump.
        case goAttestation = "go-attestation"
    }

    /// The AK's self-certified creation (go-attestation): TPM2_CertifyCreation output over the AK.
    public struct KeyCreation: Sendable, Hashable {
        /// TPMS_CREATION_DATA as TPM2_Create returned it.
        public let creationData: [UInt8]
        /// The TPMS_ATTEST of type TPM_ST_ATTEST_CREATION.
        public let attest: TPMSAttest
        /// The AK's signature over it.
        public let signature: TPMTSignature
    }

    /// The format the evidence was read from.
    public let format: Format
    /// The quotes (one per bank for go-tpm-tools).
    public let quotes: [SignedQuote]
    /// The key that signed the quotes.
    public let attestationKey: AttestationKeyPublic
    /// The event log, if the evidence carries one.
    public let eventLog: TCGEventLog?
    /// The AK certificate (DER), if any.
    public let akCertificate: [UInt8]?
    /// Certificates between the AK or EK certificate and a root (DER).
    public let intermediateCertificates: [[UInt8]]
    /// The EK certificate (DER), if any.
    public let ekCertificate: [UInt8]?
    /// The AK's creation certification, if any.
    public let akCreation: KeyCreation?

    public init(
        format: Format, quotes: [SignedQuote], attestationKey: AttestationKeyPublic, eventLog: TCGEventLog? = nil,
        akCertificate: [UInt8]? = nil, intermediateCertificates: [[UInt8]] = [], ekCertificate: [UInt8]? = nil,
        akCreation: KeyCreation? = nil
    ) {
        self.format = format
        self.quotes = quotes
        self.attestationKey = attestationKey
        self.eventLog = eventLog
        self.akCertificate = akCertificate
        self.intermediateCertificates = intermediateCertificates
        self.ekCertificate = ekCertificate
        self.akCreation = akCreation
    }

    /// Parses `evidence`: with a `signature` attachment it is a TPMS_ATTEST (tpm2-tools); JSON text is a
    /// go-attestation dump; anything else is read as a go-tpm-tools `Attestation` protobuf. Those two formats
    /// carry their parts inside, so attachments beside them are refused rather than ignored. The AK, PCR values and
    /// event log are read with `readers`.
    public init(parsing evidence: Evidence, readers: Readers = .parsing) throws {
        if evidence.attachments[Attachment.signature.rawValue] != nil {
            self = try Self(tpm2Tools: evidence, readers: readers)
            return
        }
        if let extra = evidence.attachments.keys.sorted().first {
            throw TPMError.missingPart(
                "quote signature that a '\(extra)' attachment belongs with",
                hint: "attachments only apply to a TPMS_ATTEST quote file with --signature (protobuf and JSON evidence carry their parts)")
        }
        if evidence.bytes.first(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) == UInt8(ascii: "{") {
            self = try Self(goAttestationDump: evidence.bytes, readers: readers)
        } else if evidence.bytes.starts(with: [0xff, 0x54, 0x43, 0x47]) {
            throw TPMError.missingPart(
                "quote signature", hint: "pass the TPMT_SIGNATURE with --signature and the AK with --ak-public")
        } else {
            self = try Self(goTPMToolsAttestation: evidence.bytes, readers: readers)
        }
    }

    /// DER certificates from one DER certificate or PEM text (every CERTIFICATE block).
    static func certificates(_ bytes: [UInt8], role: String) throws -> [[UInt8]] {
        let certificates = bytes.first == 0x30 ? [bytes] : try PEM.certificates(in: bytes)
        guard !certificates.isEmpty else {
            throw TPMError.invalidCertificate(role: role, reason: "neither DER nor PEM with a CERTIFICATE block")
        }
        for certificate in certificates where certificate.count > maxCertificateBytes {
            throw TPMError.invalidCertificate(
                role: role, reason: "\(certificate.count) bytes is above the limit of \(maxCertificateBytes)")
        }
        return certificates
    }
}
