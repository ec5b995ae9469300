/// The CPU's family, model and stepping as the report carries them (CPUID_FAM_ID/MOD_ID/STEP, version 3+).
public struct CPUID: Sendable, Hashable, CustomStringConvertible {
    /// CPUID_FAM_ID: extended family + base family (19h Milan/Genoa, 1Ah Turin).
    public let family: UInt8
    /// CPUID_MOD_ID: extended model + base model.
    public let model: UInt8
    /// CPUID_STEP: stepping.
    public let stepping: UInt8

    public init(family: UInt8, model: UInt8, stepping: UInt8) {
        self.family = family
        self.model = model
        self.stepping = stepping
    }

    /// The product generation, if this family and model are known.
    public var generation: ProductGeneration? { ProductGeneration(cpuidFamily: family, model: model) }

    public var description: String {
        "family 0x\(String(family, radix: 16)), model 0x\(String(model, radix: 16)), stepping \(stepping)"
    }
}
