/// KEY_INFO (report offset 0x48, u32): AUTHOR_KEY_EN, MASK_CHIP_KEY, SIGNING_KEY; bits 31:5 reserved.
public struct KeyInfo: Sendable, Hashable {
    /// The raw value.
    public let raw: UInt32

    /// Reads KEY_INFO; reserved bits and SIGNING_KEY values 2–6 are rejected.
    public init(raw: UInt32) throws {
        guard raw >> 5 == 0 else { throw SEVSNPError.reservedValue(field: "KEY_INFO bits 5-31", value: UInt64(raw)) }
        guard [0, 1, 7].contains((raw >> 2) & 7) else {
            throw SEVSNPError.reservedValue(field: "KEY_INFO.SIGNING_KEY", value: UInt64((raw >> 2) & 7))
        }
        self.raw = raw
    }

    /// AUTHOR_KEY_EN (bit 0): the ID block carried an author key.
    public var authorKeyEnabled: Bool { raw & 1 != 0 }
    /// MASK_CHIP_KEY (bit 1): the host masked CHIP_ID (all zero in the report).
    public var maskChipKey: Bool { raw & 2 != 0 }
    /// SIGNING_KEY (bits 4:2).
    public var signingKey: SigningKey {
        switch (raw >> 2) & 7 {
        case 0: return .vcek
        case 1: return .vlek
        default: return .none
        }
    }
}
