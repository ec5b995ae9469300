public import AttestationCore

extension AttestationReport {
    /// The claims the report itself carries (ARCHITECTURE.md §4, `snp`), before any endorsement is known:
    /// `tee`, `version`, `guest_svn`, `policy {…}`, `family_id`, `image_id`, `vmpl`, `signature_algo`,
    /// `current_tcb`/`reported_tcb`/`committed_tcb`/`launch_tcb {bootloader, tee, snp, microcode, fmc?}`,
    /// `platform_info {…}`, `author_key_en`, `mask_chip_key`, `signer` (vcek|vlek|none), `report_data`,
    /// `measurement`, `host_data`, `id_key_digest`, `author_key_digest`, `report_id`, `report_id_ma`,
    /// `cpuid {family, model, stepping}` (v3+), `chip_id`, `current_version`/`committed_version {major, minor,
    /// build}`, `launch_mit_vector`/`current_mit_vector` (v5), `signature {r, s}` (little-endian hex, as in the report)
    /// `generation` when the CPUID names one, and `reserved_nonzero` (names of reserved fields that are set) when any is.
    public var claims: Claims {
        var claims: Claims = [
            "tee": .string(TEEKind.snp.rawValue),
            "version": .integer(Int64(version)),
            "guest_svn": .integer(Int64(guestSVN)),
            "policy": policy.claims,
            "family_id": .hex(familyID),
            "image_id": .hex(imageID),
            "vmpl": .integer(Int64(vmpl)),
            "signature_algo": .integer(Int64(signatureAlgorithm)),
            "current_tcb": currentTCB.claims,
            "platform_info": platformInfo.claims,
            "author_key_en": .bool(keyInfo.authorKeyEnabled),
            "mask_chip_key": .bool(keyInfo.maskChipKey),
            "signer": .string(keyInfo.signingKey.rawValue),
            "report_data": .hex(reportData),
            "measurement": .hex(measurement),
            "host_data": .hex(hostData),
            "id_key_digest": .hex(idKeyDigest),
            "author_key_digest": .hex(authorKeyDigest),
            "report_id": .hex(reportID),
            "report_id_ma": .hex(reportIDMA),
            "reported_tcb": reportedTCB.claims,
            "chip_id": .hex(chipID),
            "committed_tcb": committedTCB.claims,
            "current_version": Self.claims(currentVersion),
            "committed_version": Self.claims(committedVersion),
            "launch_tcb": launchTCB.claims,
            "signature": .object(["r": .hex(signatureR), "s": .hex(signatureS)]),
        ]
        if let cpuid {
            claims["cpuid"] = .object([
                "family": .integer(Int64(cpuid.family)), "model": .integer(Int64(cpuid.model)),
                "stepping": .integer(Int64(cpuid.stepping)),
            ])
        }
        if let generation = cpuidGeneration { claims["generation"] = .string(generation.rawValue) }
        if let launchMitigationVector { claims["launch_mit_vector"] = .unsigned(launchMitigationVector) }
        if let currentMitigationVector { claims["current_mit_vector"] = .unsigned(currentMitigationVector) }
        if let reserved = reservedFields.claim { claims["reserved_nonzero"] = reserved }
        return claims
    }

    static func claims(_ version: FirmwareVersion) -> JSONValue {
        .object([
            "major": .integer(Int64(version.major)), "minor": .integer(Int64(version.minor)),
            "build": .integer(Int64(version.build)),
        ])
    }
}
