import TPM
/// The TPM_CC command codes the client sends (TPM 2.0 Part 2, §6.5.2).
public struct TPMCommandCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    static let evictControl = Self(rawValue: 0x120)
    static let nvDefineSpace = Self(rawValue: 0x12A)
    static let nvWrite = Self(rawValue: 0x137)
    static let nvRead = Self(rawValue: 0x14E)
    static let createPrimary = Self(rawValue: 0x131)
    static let startup = Self(rawValue: 0x144)
    static let activateCredential = Self(rawValue: 0x147)
    static let policySecret = Self(rawValue: 0x151)
    static let create = Self(rawValue: 0x153)
    static let load = Self(rawValue: 0x157)
    static let quote = Self(rawValue: 0x158)
    static let flushContext = Self(rawValue: 0x165)
    static let nvReadPublic = Self(rawValue: 0x169)
    static let readPublic = Self(rawValue: 0x173)
    static let startAuthSession = Self(rawValue: 0x176)
    static let getCapability = Self(rawValue: 0x17A)
    static let pcrRead = Self(rawValue: 0x17E)
    static let pcrExtend = Self(rawValue: 0x182)

    static let names: [UInt32: String] = [
        0x120: "TPM2_EvictControl", 0x12A: "TPM2_NV_DefineSpace", 0x137: "TPM2_NV_Write", 0x14E: "TPM2_NV_Read", 0x131: "TPM2_CreatePrimary", 0x144: "TPM2_Startup", 0x147: "TPM2_ActivateCredential",
        0x151: "TPM2_PolicySecret", 0x153: "TPM2_Create", 0x157: "TPM2_Load", 0x158: "TPM2_Quote",
        0x165: "TPM2_FlushContext", 0x169: "TPM2_NV_ReadPublic", 0x173: "TPM2_ReadPublic",
        0x176: "TPM2_StartAuthSession", 0x17A: "TPM2_GetCapability", 0x17E: "TPM2_PCR_Read", 0x182: "TPM2_PCR_Extend",
    ]

    public var description: String { Self.names[rawValue] ?? "TPM_CC 0x" + String(rawValue, radix: 16) }
}
