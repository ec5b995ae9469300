public import AttestationCore

/// An SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP ABI specification, table "ATTESTATION_REPORT Structure"),
/// versions 2, 3 and 5, exactly 1184 (0x4A0) bytes, all integers little-endian.
///
/// The parser checks lengths and versions only; the signature, the chain and every judgement belong to
/// ``SEVSNPVerifier`` and the appraisal policy. Reserved ranges and bits that are set are recorded in
/// ``reservedFields`` (newer firmware defines them; the signature covers them), never rejected. The exact input bytes are kept: the signature is checked over
/// ``signedBytes``, sliced from them.
public struct AttestationReport: Sendable, Hashable {
    /// The size of every report version.
    public static let size = 0x4A0
    /// The signed part: bytes 0x000–0x29F.
    public static let signedLength = 0x2A0
    /// Report versions this build reads.
    public static let supportedVersions: [UInt32] = [2, 3, 5]
    /// Length of each little-endian ECDSA component in the signature.
    public static let signatureComponentLength = 72
    /// SIGNATURE_ALGO value for ECDSA P-384 with SHA-384.
    public static let ecdsaP384SHA384: UInt32 = 1

    /// VERSION, 0x000.
    public let version: UInt32
    /// GUEST_SVN, 0x004.
    public let guestSVN: UInt32
    /// POLICY, 0x008.
    public let policy: GuestPolicy
    /// FAMILY_ID, 0x010..<0x020.
    public let familyID: [UInt8]
    /// IMAGE_ID, 0x020..<0x030.
    public let imageID: [UInt8]
    /// VMPL, 0x030: the privilege level that requested the report.
    public let vmpl: UInt32
    /// SIGNATURE_ALGO, 0x034.
    public let signatureAlgorithm: UInt32
    /// CURRENT_TCB, 0x038.
    public let currentTCB: TCBVersion
    /// PLATFORM_INFO, 0x040.
    public let platformInfo: PlatformInfo
    /// KEY_INFO (AUTHOR_KEY_EN, MASK_CHIP_KEY, SIGNING_KEY), 0x048; 0x04C..<0x050 reserved.
    public let keyInfo: KeyInfo
    /// REPORT_DATA, 0x050..<0x090: guest-supplied data (SHA-512 of the runtime data).
    public let reportData: [UInt8]
    /// MEASUREMENT, 0x090..<0x0C0: the launch digest.
    public let measurement: [UInt8]
    /// HOST_DATA, 0x0C0..<0x0E0: data the host supplied at launch.
    public let hostData: [UInt8]
    /// ID_KEY_DIGEST, 0x0E0..<0x110: SHA-384 of the ID block's public key.
    public let idKeyDigest: [UInt8]
    /// AUTHOR_KEY_DIGEST, 0x110..<0x140: SHA-384 of the author key.
    public let authorKeyDigest: [UInt8]
    /// REPORT_ID, 0x140..<0x160.
    public let reportID: [UInt8]
    /// REPORT_ID_MA, 0x160..<0x180: the migration agent's report ID (all ones without one).
    public let reportIDMA: [UInt8]
    /// REPORTED_TCB, 0x180: the TCB the signing key was derived for.
    public let reportedTCB: TCBVersion
    /// CPUID_FAM_ID/MOD_ID/STEP, 0x188..<0x18B (version 3+); 0x18B (v2: 0x188)..<0x1A0 reserved.
    public let cpuid: CPUID?
    /// CHIP_ID, 0x1A0..<0x1E0 (zero when MASK_CHIP_KEY is set).
    public let chipID: [UInt8]
    /// COMMITTED_TCB, 0x1E0.
    public let committedTCB: TCBVersion
    /// CURRENT_BUILD/MINOR/MAJOR, 0x1E8..<0x1EB; 0x1EB reserved.
    public let currentVersion: FirmwareVersion
    /// COMMITTED_BUILD/MINOR/MAJOR, 0x1EC..<0x1EF; 0x1EF reserved.
    public let committedVersion: FirmwareVersion
    /// LAUNCH_TCB, 0x1F0.
    public let launchTCB: TCBVersion
    /// LAUNCH_MIT_VECTOR, 0x1F8 (version 5).
    public let launchMitigationVector: UInt64?
    /// CURRENT_MIT_VECTOR, 0x200 (version 5); then reserved up to 0x2A0.
    public let currentMitigationVector: UInt64?
    /// SIGNATURE, 0x2A0..<0x4A0: for ECDSA P-384, R (72 bytes) and S (72 bytes) little-endian, zero-padded,
    /// then reserved.
    public let signature: [UInt8]
    /// Reserved ranges, bits and values found set, in report order (the claim `reserved_nonzero`).
    public let reservedFields: ReservedFields
    /// The whole report, byte-exact as received (or as serialised, for a report built from its fields).
    public let bytes: [UInt8]

    /// SIGNATURE.R, 0x2A0..<0x2E8 (little-endian).
    public var signatureR: ArraySlice<UInt8> { signature[0..<Self.signatureComponentLength] }
    /// SIGNATURE.S, 0x2E8..<0x330 (little-endian).
    public var signatureS: ArraySlice<UInt8> {
        signature[Self.signatureComponentLength..<(2 * Self.signatureComponentLength)]
    }

    /// The bytes the signature covers (0x000..<0x2A0), sliced from the input.
    public var signedBytes: ArraySlice<UInt8> { bytes[0..<Self.signedLength] }

    /// The generation the report's CPUID names (version 3+), if known.
    public var cpuidGeneration: ProductGeneration? { cpuid?.generation }

    /// Parses exactly one report.
    public init(parsing input: some Collection<UInt8>) throws {
        let bytes = Array(input)
        guard bytes.count == Self.size else { throw SEVSNPError.reportLength(bytes.count) }
        do {
            var reader = ByteReader(bytes)
            var reserved = ReservedFields()
            version = try reader.readLittleEndian(UInt32.self, field: "VERSION")
            guard Self.supportedVersions.contains(version) else { throw SEVSNPError.unsupportedVersion(version) }
            guestSVN = try reader.readLittleEndian(UInt32.self, field: "GUEST_SVN")
            policy = GuestPolicy(raw: try reader.readLittleEndian(UInt64.self, field: "POLICY"))
            reserved.append(contentsOf: policy.reserved)
            familyID = try reader.readArray(16, field: "FAMILY_ID")
            imageID = try reader.readArray(16, field: "IMAGE_ID")
            vmpl = try reader.readLittleEndian(UInt32.self, field: "VMPL")
            signatureAlgorithm = try reader.readLittleEndian(UInt32.self, field: "SIGNATURE_ALGO")
            let currentRaw = try reader.readLittleEndian(UInt64.self, field: "CURRENT_TCB")
            platformInfo = PlatformInfo(raw: try reader.readLittleEndian(UInt64.self, field: "PLATFORM_INFO"))
            reserved.append(contentsOf: platformInfo.reserved)
            keyInfo = KeyInfo(raw: try reader.readLittleEndian(UInt32.self, field: "KEY_INFO"))
            reserved.append(contentsOf: keyInfo.reserved)
            try reader.readReserved(4, field: "reserved 0x04C", into: &reserved)
            reportData = try reader.readArray(64, field: "REPORT_DATA")
            measurement = try reader.readArray(48, field: "MEASUREMENT")
            hostData = try reader.readArray(32, field: "HOST_DATA")
            idKeyDigest = try reader.readArray(48, field: "ID_KEY_DIGEST")
            authorKeyDigest = try reader.readArray(48, field: "AUTHOR_KEY_DIGEST")
            reportID = try reader.readArray(32, field: "REPORT_ID")
            reportIDMA = try reader.readArray(32, field: "REPORT_ID_MA")
            let reportedRaw = try reader.readLittleEndian(UInt64.self, field: "REPORTED_TCB")
            if version >= 3 {
                cpuid = CPUID(
                    family: try reader.readLittleEndian(UInt8.self, field: "CPUID_FAM_ID"),
                    model: try reader.readLittleEndian(UInt8.self, field: "CPUID_MOD_ID"),
                    stepping: try reader.readLittleEndian(UInt8.self, field: "CPUID_STEP"))
                try reader.readReserved(0x15, field: "reserved 0x18B", into: &reserved)
            } else {
                cpuid = nil
                try reader.readReserved(0x18, field: "reserved 0x188", into: &reserved)
            }
            let layout = cpuid?.generation?.tcbLayout ?? .preTurin
            currentTCB = TCBVersion(raw: currentRaw, layout: layout)
            reportedTCB = TCBVersion(raw: reportedRaw, layout: layout)
            chipID = try reader.readArray(64, field: "CHIP_ID")
            committedTCB = TCBVersion(raw: try reader.readLittleEndian(UInt64.self, field: "COMMITTED_TCB"), layout: layout)
            currentVersion = try Self.firmwareVersion(&reader, "CURRENT")
            try reader.readReserved(1, field: "reserved 0x1EB", into: &reserved)
            committedVersion = try Self.firmwareVersion(&reader, "COMMITTED")
            try reader.readReserved(1, field: "reserved 0x1EF", into: &reserved)
            launchTCB = TCBVersion(raw: try reader.readLittleEndian(UInt64.self, field: "LAUNCH_TCB"), layout: layout)
            for (name, tcb) in [
                ("current_tcb", currentTCB), ("reported_tcb", reportedTCB), ("committed_tcb", committedTCB),
                ("launch_tcb", launchTCB),
            ] {
                reserved.append(contentsOf: tcb.reserved(field: name))
            }
            if version >= 5 {
                launchMitigationVector = try reader.readLittleEndian(UInt64.self, field: "LAUNCH_MIT_VECTOR")
                currentMitigationVector = try reader.readLittleEndian(UInt64.self, field: "CURRENT_MIT_VECTOR")
                try reader.readReserved(0x98, field: "reserved 0x208", into: &reserved)
            } else {
                launchMitigationVector = nil
                currentMitigationVector = nil
                try reader.readReserved(0xA8, field: "reserved 0x1F8", into: &reserved)
            }
            signature = try reader.readArray(0x200, field: "SIGNATURE")
            try reader.expectEnd(of: "attestation report")
            if signatureAlgorithm == Self.ecdsaP384SHA384, signature[(2 * Self.signatureComponentLength)...].contains(where: { $0 != 0 }) {
                reserved.note("signature reserved 0x330 (not signed)")
            }
            reservedFields = reserved
            self.bytes = bytes
        } catch let error as AttestationCoreError {
            throw SEVSNPError.malformedReport(error)
        }
    }

    /// Builds a report from its fields (to rebuild one from a JSON form, or to make synthetic reports); the
    /// result is parsed back, so it is checked exactly as received input is. `cpuid` is required from version 3 on
    /// and the mitigation vectors from version 5 on; `signature` is the 512-byte SIGNATURE field.
    public init(
        version: UInt32, guestSVN: UInt32, policy: UInt64, familyID: [UInt8], imageID: [UInt8], vmpl: UInt32,
        signatureAlgorithm: UInt32 = ecdsaP384SHA384, currentTCB: UInt64, platformInfo: UInt64, keyInfo: UInt32,
        reportData: [UInt8], measurement: [UInt8], hostData: [UInt8], idKeyDigest: [UInt8], authorKeyDigest: [UInt8],
        reportID: [UInt8], reportIDMA: [UInt8], reportedTCB: UInt64, cpuid: CPUID?, chipID: [UInt8],
        committedTCB: UInt64, currentVersion: FirmwareVersion, committedVersion: FirmwareVersion, launchTCB: UInt64,
        launchMitigationVector: UInt64? = nil, currentMitigationVector: UInt64? = nil, signature: [UInt8]
    ) throws {
        let sized: [(String, [UInt8], Int)] = [
            ("FAMILY_ID", familyID, 16), ("IMAGE_ID", imageID, 16), ("REPORT_DATA", reportData, 64),
            ("MEASUREMENT", measurement, 48), ("HOST_DATA", hostData, 32), ("ID_KEY_DIGEST", idKeyDigest, 48),
            ("AUTHOR_KEY_DIGEST", authorKeyDigest, 48), ("REPORT_ID", reportID, 32), ("REPORT_ID_MA", reportIDMA, 32),
            ("CHIP_ID", chipID, 64), ("SIGNATURE", signature, 0x200),
        ]
        for (field, value, length) in sized where value.count != length {
            throw SEVSNPError.malformedReport(.truncated(field: field, offset: 0, needed: length, available: value.count))
        }
        guard (version >= 3) == (cpuid != nil), (version >= 5) == (launchMitigationVector != nil),
            (version >= 5) == (currentMitigationVector != nil)
        else { throw SEVSNPError.unsupportedVersion(version) }
        self = try AttestationReport(
            parsing: Self.encode(
                version: version, guestSVN: guestSVN, policy: policy, familyID: familyID, imageID: imageID, vmpl: vmpl,
                signatureAlgorithm: signatureAlgorithm, currentTCB: currentTCB, platformInfo: platformInfo,
                keyInfo: keyInfo, reportData: reportData, measurement: measurement, hostData: hostData,
                idKeyDigest: idKeyDigest, authorKeyDigest: authorKeyDigest, reportID: reportID, reportIDMA: reportIDMA,
                reportedTCB: reportedTCB, cpuid: cpuid, chipID: chipID, committedTCB: committedTCB,
                currentVersion: currentVersion, committedVersion: committedVersion, launchTCB: launchTCB,
                launchMitigationVector: launchMitigationVector, currentMitigationVector: currentMitigationVector,
                signature: signature))
    }

    static func firmwareVersion(_ reader: inout ByteReader, _ prefix: String) throws -> FirmwareVersion {
        let build = try reader.readLittleEndian(UInt8.self, field: "\(prefix)_BUILD")
        let minor = try reader.readLittleEndian(UInt8.self, field: "\(prefix)_MINOR")
        let major = try reader.readLittleEndian(UInt8.self, field: "\(prefix)_MAJOR")
        return FirmwareVersion(major: major, minor: minor, build: build)
    }

    /// The report serialised again from its fields; equal to ``bytes`` for every parsed report.
    public var serialized: [UInt8] {
        Self.encode(
            version: version, guestSVN: guestSVN, policy: policy.raw, familyID: familyID, imageID: imageID, vmpl: vmpl,
            signatureAlgorithm: signatureAlgorithm, currentTCB: currentTCB.raw, platformInfo: platformInfo.raw,
            keyInfo: keyInfo.raw, reportData: reportData, measurement: measurement, hostData: hostData,
            idKeyDigest: idKeyDigest, authorKeyDigest: authorKeyDigest, reportID: reportID, reportIDMA: reportIDMA,
            reportedTCB: reportedTCB.raw, cpuid: cpuid, chipID: chipID, committedTCB: committedTCB.raw,
            currentVersion: currentVersion, committedVersion: committedVersion, launchTCB: launchTCB.raw,
            launchMitigationVector: launchMitigationVector, currentMitigationVector: currentMitigationVector,
            signature: signature)
    }

    /// Lays out report fields in ABI order (reserved ranges zero).
    static func encode(
        version: UInt32, guestSVN: UInt32, policy: UInt64, familyID: [UInt8], imageID: [UInt8], vmpl: UInt32,
        signatureAlgorithm: UInt32, currentTCB: UInt64, platformInfo: UInt64, keyInfo: UInt32, reportData: [UInt8],
        measurement: [UInt8], hostData: [UInt8], idKeyDigest: [UInt8], authorKeyDigest: [UInt8], reportID: [UInt8],
        reportIDMA: [UInt8], reportedTCB: UInt64, cpuid: CPUID?, chipID: [UInt8], committedTCB: UInt64,
        currentVersion: FirmwareVersion, committedVersion: FirmwareVersion, launchTCB: UInt64,
        launchMitigationVector: UInt64?, currentMitigationVector: UInt64?, signature: [UInt8]
    ) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(size)
        func put<T: FixedWidthInteger>(_ value: T) {
            for index in 0..<MemoryLayout<T>.size { out.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        func zeros(_ count: Int) { out += [UInt8](repeating: 0, count: count) }
        put(version)
        put(guestSVN)
        put(policy)
        out += familyID + imageID
        put(vmpl)
        put(signatureAlgorithm)
        put(currentTCB)
        put(platformInfo)
        put(keyInfo)
        zeros(4)
        out += reportData + measurement + hostData + idKeyDigest + authorKeyDigest + reportID + reportIDMA
        put(reportedTCB)
        if let cpuid {
            out += [cpuid.family, cpuid.model, cpuid.stepping]
            zeros(0x15)
        } else {
            zeros(0x18)
        }
        out += chipID
        put(committedTCB)
        out += [currentVersion.build, currentVersion.minor, currentVersion.major, 0]
        out += [committedVersion.build, committedVersion.minor, committedVersion.major, 0]
        put(launchTCB)
        if let launchMitigationVector, let currentMitigationVector {
            put(launchMitigationVector)
            put(currentMitigationVector)
            zeros(0x98)
        } else {
            zeros(0xA8)
        }
        out += signature
        return out
    }
}
