public import AttestationCore

/// KEY_INFO (report offset 0x48, u32): AUTHOR_KEY_EN, MASK_CHIP_KEY, SIGNING_KEY; bits 31:5 reserved.
///
/// Reserved bits and the reserved SIGNING_KEY values 2–6 are recorded in ``reserved``, not rejected; a report whose
/// signing key is reserved then fails verification by name (no certificate kind matches it).
public struct KeyInfo: Sendable, Hashable {
    /// The raw value.
    public let raw: UInt32

    /// Reads KEY_INFO; every value is readable.
    public init(raw: UInt32) { self.raw = raw }

    /// SIGNING_KEY (bits 4:2) as a number.
    public var signingKeyValue: UInt32 { (raw >> 2) & 7 }

    /// Reserved bits that are set and a reserved SIGNING_KEY value (`key_info bit 5`, `key_info signing_key 3`).
    public var reserved: ReservedFields {
        var reserved = ReservedFields()
        reserved.noteBits(UInt64(raw), mask: ~UInt64(0x1F), field: "key_info")
        if signingKey == .reserved { reserved.note("key_info signing_key \(signingKeyValue)") }
        return reserved
    }

    /// AUTHOR_KEY_EN (bit 0): the ID block carried an author key.
    public var authorKeyEnabled: Bool { raw & 1 != 0 }
    /// MASK_CHIP_KEY (bit 1): the host masked CHIP_ID (all zero in the report).
    public var maskChipKey: Bool { raw & 2 != 0 }
    /// SIGNING_KEY (bits 4:2).
    public var signingKey: SigningKey {
        switch signingKeyValue {
        case 0: return .vcek
        case 1: return .vlek
        case 7: return .none
        default: return .reserved
        }
    }
}
