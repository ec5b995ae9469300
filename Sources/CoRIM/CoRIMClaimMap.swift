import AttestationCore

/// Which TEE a reference triple's environment describes, and which Assay claim each measurement member becomes.
///
/// Environments: AMD SEV-SNP by the class-ids of draft-deeglaze-amd-sev-snp-corim-profile (UUIDs
/// d05e6d1b-9f46-4ae2-a610-ce3e6ee7e153 by chip, 89a7a1f0-e704-4faa-acbd-81c86df8a961 by CSP) or class vendor "AMD…"
/// with model "SEV-SNP"/"SNP"; Intel TDX and SGX by vendor "Intel…" with model "TDX" or "SGX" (models compare without
/// case, spaces, '-' or '_').
struct CoRIMClaimMap {
    /// Where one kind of measurement member goes.
    struct Slot {
        let claim: String
        let component: TrustComponent
        /// Digests: the registry number of the algorithm; raw bytes and digests: the length the claim has.
        var algorithm: Int64 = 0
        var length: Int? = nil
    }

    /// The slots of one measured element.
    struct Element {
        var digest: Slot? = nil
        var raw: Slot? = nil
        var svn: Slot? = nil
        var version: Slot? = nil
    }

    /// SEV-SNP class-ids (tagged UUIDs) from the AMD SEV-SNP CoRIM profile.
    static let snpClassIDs: Set<[UInt8]> = [
        [0xd0, 0x5e, 0x6d, 0x1b, 0x9f, 0x46, 0x4a, 0xe2, 0xa6, 0x10, 0xce, 0x3e, 0x6e, 0xe7, 0xe1, 0x53],
        [0x89, 0xa7, 0xa1, 0xf0, 0xe7, 0x04, 0x4f, 0xaa, 0xac, 0xbd, 0x81, 0xc8, 0x6d, 0xf8, 0xa9, 0x61],
    ]
    static let sha256: Int64 = 1
    static let sha384: Int64 = 7

    let tee: TEEKind

    /// The TEE an environment describes, or nil when it is none Assay appraises.
    init?(_ environment: EnvironmentMap) {
        let vendor = environment.vendor?.lowercased() ?? ""
        let model = Self.normalised(environment.model ?? "")
        if let classID = environment.classID, classID.tag == 37, Self.snpClassIDs.contains(classID.bytes) {
            tee = .snp
        } else if vendor.hasPrefix("amd") || vendor.hasPrefix("advanced micro devices"), model == "sevsnp" || model == "snp" {
            tee = .snp
        } else if vendor.hasPrefix("intel"), model == "tdx" {
            tee = .tdx
        } else if vendor.hasPrefix("intel"), model == "sgx" {
            tee = .sgx
        } else {
            return nil
        }
    }

    static func normalised(_ name: String) -> String {
        String(name.lowercased().filter { !" -_".contains($0) })
    }

    /// The slots of a measured element of this TEE, or nil for an element Assay has no claim for.
    func element(_ key: MeasurementMap.Key?) -> Element? {
        let name: String?
        switch key {
        case nil: name = nil
        case .number(let number):
            guard tee == .snp, let known = Self.snpElements[number] else { return nil }
            name = known
        case .text(let text): name = Self.normalised(text)
        case .identifier: return nil
        }
        switch tee {
        case .snp:
            switch name ?? "measurement" {
            case "measurement":
                return Element(
                    digest: Slot(claim: "measurement", component: .executables, algorithm: Self.sha384, length: 48),
                    raw: Slot(claim: "family_id", component: .executables, length: 16),
                    svn: Slot(claim: "guest_svn", component: .executables),
                    version: Slot(claim: "image_id", component: .executables))
            case "vmpl": return Element(raw: Slot(claim: "vmpl", component: .configuration))
            case "idkeydigest": return Element(raw: Slot(claim: "id_key_digest", component: .executables, length: 48))
            case "authorkeydigest": return Element(raw: Slot(claim: "author_key_digest", component: .executables, length: 48))
            case "hostdata": return Element(raw: Slot(claim: "host_data", component: .configuration, length: 32))
            default: return nil
            }
        case .tdx:
            guard let name, let claim = Self.tdxRegisters[name] else { return nil }
            let component: TrustComponent =
                Self.tdxConfiguration.contains(claim) ? .configuration : Self.tdxHardware.contains(claim) ? .hardware : .executables
            let slot = Slot(claim: claim, component: component, algorithm: Self.sha384, length: 48)
            return Element(digest: slot, raw: slot)
        case .sgx:
            switch name {
            case "mrenclave", "mrsigner":
                let slot = Slot(claim: name == "mrenclave" ? "mr_enclave" : "mr_signer", component: .executables, algorithm: Self.sha256, length: 32)
                return Element(digest: slot, raw: slot, svn: Slot(claim: "isv_svn", component: .executables))
            case "isvsvn": return Element(svn: Slot(claim: "isv_svn", component: .executables))
            case "isvprodid": return Element(raw: Slot(claim: "isv_prod_id", component: .executables))
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The claim an integrity register (TDX: "0"…"3" or "rtmr0"…"rtmr3") becomes.
    func register(_ name: String) -> Slot? {
        guard tee == .tdx else { return nil }
        let normalised = Self.normalised(name)
        let index = normalised.hasPrefix("rtmr") ? String(normalised.dropFirst(4)) : normalised
        guard ["0", "1", "2", "3"].contains(index) else { return nil }
        return Slot(claim: "rtmr" + index, component: .executables, algorithm: Self.sha384, length: 48)
    }

    /// The SEV-SNP profile's numbered measured elements Assay has a claim for.
    static let snpElements: [UInt64: String] = [0: "measurement", 2: "vmpl", 5: "idkeydigest", 6: "authorkeydigest", 8: "hostdata"]
    /// TDX measured-element names (normalised) → the DCAP claim.
    static let tdxRegisters: [String: String] = [
        "mrtd": "mr_td", "mrseam": "mr_seam", "mrsignerseam": "mr_signer_seam", "mrconfigid": "mr_config_id",
        "mrowner": "mr_owner", "mrownerconfig": "mr_owner_config", "rtmr0": "rtmr0", "rtmr1": "rtmr1", "rtmr2": "rtmr2",
        "rtmr3": "rtmr3",
    ]
    static let tdxConfiguration: Set<String> = ["mr_config_id", "mr_owner", "mr_owner_config"]
    /// The TDX module's measurements: platform firmware rather than the TD's own code.
    static let tdxHardware: Set<String> = ["mr_seam", "mr_signer_seam"]
}
