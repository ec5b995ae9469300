/// An AMD EPYC generation with SEV-SNP, which selects the root key (ARK), the KDS product name and the TCB layout.
public enum ProductGeneration: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Zen 3, EPYC 7003 (family 19h, models 00h–0Fh).
    case milan = "Milan"
    /// Zen 4, EPYC 9004/8004 incl. Bergamo and Siena (family 19h, models 10h–1Fh and A0h–AFh).
    case genoa = "Genoa"
    /// Zen 5, EPYC 9005 (family 1Ah, models 00h–1Fh): TCB_VERSION gains FMC.
    case turin = "Turin"

    public var description: String { rawValue }

    /// The generation of a CPU from the report's CPUID_FAM_ID and CPUID_MOD_ID (report version 3 and later).
    public init?(cpuidFamily family: UInt8, model: UInt8) {
        switch (family, model) {
        case (0x19, 0x00...0x0F): self = .milan
        case (0x19, 0x10...0x1F), (0x19, 0xA0...0xAF): self = .genoa
        case (0x1A, 0x00...0x1F): self = .turin
        default: return nil
        }
    }

    /// The generation named by a VCEK/VLEK `productName` extension (`Milan-B0`, `Genoa`, `Turin`) or an ARK/ASK
    /// common name's product part.
    public init?(productName: String) {
        let base = productName.split(separator: "-").first.map(String.init) ?? productName
        guard let generation = Self.allCases.first(where: { $0.rawValue.lowercased() == base.lowercased() }) else {
            return nil
        }
        self = generation
    }

    /// The TCB_VERSION layout this generation uses.
    public var tcbLayout: TCBVersion.Layout { self == .turin ? .turin : .preTurin }

    /// The common name of this generation's AMD Root Key certificate.
    public var arkCommonName: String { "ARK-\(rawValue)" }

    /// The common name of the intermediate that signs this generation's VCEKs (ASK) or VLEKs (ASVK).
    public func intermediateCommonName(for signer: SigningKey) -> String {
        signer == .vlek ? "SEV-VLEK-\(rawValue)" : "SEV-\(rawValue)"
    }

    /// The number of CHIP_ID bytes that identify a chip (the VCEK hwID and the KDS URL): 8 from Turin on.
    public var hardwareIDLength: Int { self == .turin ? 8 : 64 }
}
