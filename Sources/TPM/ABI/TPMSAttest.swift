import AttestationCore

/// TPMS_ATTEST: what a TPM signs for TPM2_Quote, TPM2_Certify and TPM2_CertifyCreation (TPM 2.0 Part 2, §10.12.12).
///
/// Kept byte-exact: ``bytes`` are the signed bytes as received. The parser accepts any `magic` and any `type`
/// (unknown types keep their body raw) so the verifier can report them as failed checks.
public struct TPMSAttest: Sendable, Hashable {
    /// TPM_GENERATED_VALUE: the magic every TPM-generated attestation starts with (`\xffTCG`).
    public static let generatedValue: UInt32 = 0xff54_4347
    /// Largest TPMS_ATTEST accepted (`sizeof(TPMS_ATTEST)` is under 1 KiB for every attestation type).
    public static let maxBytes = 2048
    /// Bound on TPM2B_NAME (a TPMT_HA with the largest digest, SHA-512).
    public static let maxNameBytes = 2 + 64
    /// Bound on TPM2B_DATA and TPM2B_DIGEST.
    public static let maxDigestBytes = 64

    /// TPM_ST_ATTEST_* values: the kind of attestation.
    public struct StructureTag: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// TPM_ST_ATTEST_NV.
        public static let nv = Self(rawValue: 0x8014)
        /// TPM_ST_ATTEST_COMMAND_AUDIT.
        public static let commandAudit = Self(rawValue: 0x8015)
        /// TPM_ST_ATTEST_SESSION_AUDIT.
        public static let sessionAudit = Self(rawValue: 0x8016)
        /// TPM_ST_ATTEST_CERTIFY.
        public static let certify = Self(rawValue: 0x8017)
        /// TPM_ST_ATTEST_QUOTE.
        public static let quote = Self(rawValue: 0x8018)
        /// TPM_ST_ATTEST_TIME.
        public static let time = Self(rawValue: 0x8019)
        /// TPM_ST_ATTEST_CREATION.
        public static let creation = Self(rawValue: 0x801A)
        /// TPM_ST_ATTEST_NV_DIGEST.
        public static let nvDigest = Self(rawValue: 0x801C)

        public var description: String {
            switch self {
            case .nv: return "TPM_ST_ATTEST_NV"
            case .commandAudit: return "TPM_ST_ATTEST_COMMAND_AUDIT"
            case .sessionAudit: return "TPM_ST_ATTEST_SESSION_AUDIT"
            case .certify: return "TPM_ST_ATTEST_CERTIFY"
            case .quote: return "TPM_ST_ATTEST_QUOTE"
            case .time: return "TPM_ST_ATTEST_TIME"
            case .creation: return "TPM_ST_ATTEST_CREATION"
            case .nvDigest: return "TPM_ST_ATTEST_NV_DIGEST"
            default: return "0x" + Hex.encode([UInt8(rawValue >> 8), UInt8(rawValue & 0xff)])
            }
        }
    }

    /// TPMU_ATTEST: the type-specific body.
    public enum Attested: Sendable, Hashable {
        /// TPMS_QUOTE_INFO.
        case quote(TPMSQuoteInfo)
        /// TPMS_CERTIFY_INFO.
        case certify(TPMSCertifyInfo)
        /// TPMS_CREATION_INFO.
        case creation(TPMSCreationInfo)
        /// A body of another type (NV, audit, time), kept raw.
        case other(StructureTag, [UInt8])

        /// The structure tag that selects this body.
        public var type: StructureTag {
            switch self {
            case .quote: return .quote
            case .certify: return .certify
            case .creation: return .creation
            case .other(let type, _): return type
            }
        }
    }

    /// magic, offset 0 (UINT32): must be ``generatedValue`` for TPM-generated data.
    public let magic: UInt32
    /// type, offset 4 (TPMI_ST_ATTEST): selects ``attested``.
    public var type: StructureTag { attested.type }
    /// qualifiedSigner (TPM2B_NAME): the qualified name of the signing key.
    public let qualifiedSigner: [UInt8]
    /// extraData (TPM2B_DATA): the caller's qualifying data (Assay: SHA-256 of the runtime data).
    public let extraData: [UInt8]
    /// clockInfo (TPMS_CLOCK_INFO).
    public let clockInfo: TPMSClockInfo
    /// firmwareVersion (UINT64): vendor-specific TPM firmware version.
    public let firmwareVersion: UInt64
    /// attested (TPMU_ATTEST selected by ``type``).
    public let attested: Attested
    /// The exact bytes as received: what the signature covers.
    public let bytes: [UInt8]

    /// Parses a TPMS_ATTEST that fills `bytes` exactly.
    public init(parsing bytes: [UInt8]) throws {
        try TPMError.checkSize(bytes, limit: Self.maxBytes, structure: "TPMS_ATTEST")
        self.bytes = bytes
        var reader = ByteReader(bytes)
        (magic, qualifiedSigner, extraData, clockInfo, firmwareVersion, attested) = try TPMError.parsing("TPMS_ATTEST") {
            let magic = try reader.readBigEndian(UInt32.self, field: "TPMS_ATTEST.magic")
            let type = StructureTag(rawValue: try reader.readBigEndian(UInt16.self, field: "TPMS_ATTEST.type"))
            let signer = try reader.readTPM2B(limit: Self.maxNameBytes, field: "TPMS_ATTEST.qualifiedSigner")
            let extraData = try reader.readTPM2B(limit: Self.maxDigestBytes, field: "TPMS_ATTEST.extraData")
            let clockInfo = try TPMSClockInfo(parsing: &reader)
            let firmware = try reader.readBigEndian(UInt64.self, field: "TPMS_ATTEST.firmwareVersion")
            let attested: Attested
            switch type {
            case .quote: attested = .quote(try TPMSQuoteInfo(parsing: &reader))
            case .certify: attested = .certify(try TPMSCertifyInfo(parsing: &reader))
            case .creation: attested = .creation(try TPMSCreationInfo(parsing: &reader))
            default: attested = .other(type, try reader.readArray(reader.remaining, field: "TPMS_ATTEST.attested"))
            }
            try reader.expectEnd(of: "TPMS_ATTEST")
            return (magic, signer, extraData, clockInfo, firmware, attested)
        }
    }

    /// Builds and marshals an attestation (for software signers in tests and benchmarks).
    public init(
        magic: UInt32 = TPMSAttest.generatedValue, qualifiedSigner: [UInt8], extraData: [UInt8],
        clockInfo: TPMSClockInfo, firmwareVersion: UInt64, attested: Attested
    ) {
        var writer = TPMWriter()
        writer.write(magic)
        writer.write(attested.type.rawValue)
        writer.writeTPM2B(qualifiedSigner)
        writer.writeTPM2B(extraData)
        clockInfo.write(to: &writer)
        writer.write(firmwareVersion)
        switch attested {
        case .quote(let info): info.write(to: &writer)
        case .certify(let info): info.write(to: &writer)
        case .creation(let info): info.write(to: &writer)
        case .other(_, let body): writer.write(bytes: body)
        }
        self.magic = magic
        self.qualifiedSigner = qualifiedSigner
        self.extraData = extraData
        self.clockInfo = clockInfo
        self.firmwareVersion = firmwareVersion
        self.attested = attested
        self.bytes = writer.bytes
    }

    /// The quote body, if this is a quote.
    public var quoteInfo: TPMSQuoteInfo? {
        if case .quote(let info) = attested { return info }
        return nil
    }
}
