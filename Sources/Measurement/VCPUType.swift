/// The CPUID signature (CPUID Fn0000_0001_EAX: family, model, stepping) QEMU's named AMD CPU models report, which
/// the VMSA's RDX carries at reset.
public enum VCPUType {
    /// `--vcpu-type` names and their (family, model, stepping).
    static let models: [(name: String, family: UInt32, model: UInt32, stepping: UInt32)] = [
        ("EPYC", 23, 1, 2), ("EPYC-v1", 23, 1, 2), ("EPYC-v2", 23, 1, 2), ("EPYC-IBPB", 23, 1, 2), ("EPYC-v3", 23, 1, 2),
        ("EPYC-v4", 23, 1, 2), ("EPYC-Rome", 23, 49, 0), ("EPYC-Rome-v1", 23, 49, 0), ("EPYC-Rome-v2", 23, 49, 0),
        ("EPYC-Rome-v3", 23, 49, 0), ("EPYC-Milan", 25, 1, 1), ("EPYC-Milan-v1", 25, 1, 1), ("EPYC-Milan-v2", 25, 1, 1),
        ("EPYC-Genoa", 25, 17, 0), ("EPYC-Genoa-v1", 25, 17, 0), ("EPYC-Turin", 26, 0, 0),
    ]

    /// Every known name.
    public static var names: [String] { models.map(\.name) }

    /// The signature of a named model, or nil.
    public static func signature(named name: String) -> UInt32? {
        models.first { $0.name == name }.map { signature(family: $0.family, model: $0.model, stepping: $0.stepping) }
    }

    /// The signature of a family, model and stepping (AMD CPUID specification #25481: extended family above 0xF).
    public static func signature(family: UInt32, model: UInt32, stepping: UInt32) -> UInt32 {
        let (familyLow, familyHigh) = family > 0xF ? (UInt32(0xF), (family - 0xF) & 0xFF) : (family, 0)
        return familyHigh << 20 | ((model >> 4) & 0xF) << 16 | familyLow << 8 | (model & 0xF) << 4 | (stepping & 0xF)
    }
}
