public import AttestationCore

/// PLATFORM_INFO: how the host platform is configured (report offset 0x40, u64).
///
/// Bits: 0 SMT_EN, 1 TSME_EN, 2 ECC_EN, 3 RAPL_DIS, 4 CIPHERTEXT_HIDING_DRAM_EN, 5 ALIAS_CHECK_COMPLETE,
/// 6 IOMMU_WRITE_SAFE, 7 TIO_EN, 63:8 reserved. Bit 6 was reserved in earlier ABI revisions; Turin firmware sets it.
/// Reserved bits that are set are recorded in ``reserved``, never rejected.
public struct PlatformInfo: Sendable, Hashable {
    /// Bits the ABI reserves (8–63).
    public static let reservedMask: UInt64 = ~UInt64(0xFF)

    /// The raw value.
    public let raw: UInt64

    /// Reads platform info; every value is readable.
    public init(raw: UInt64) { self.raw = raw }

    /// Reserved bits that are set (`platform_info bit 8`, …).
    public var reserved: ReservedFields {
        var reserved = ReservedFields()
        reserved.noteBits(raw, mask: Self.reservedMask, field: "platform_info")
        return reserved
    }

    func bit(_ index: UInt64) -> Bool { raw & (1 << index) != 0 }

    /// The named bits in order.
    public var flags: [(name: String, value: Bool)] {
        [
            ("smt_enabled", bit(0)), ("tsme_enabled", bit(1)), ("ecc_enabled", bit(2)), ("rapl_disabled", bit(3)),
            ("ciphertext_hiding_enabled", bit(4)), ("alias_check_complete", bit(5)), ("iommu_write_safe", bit(6)),
            ("tio_enabled", bit(7)),
        ]
    }

    /// SMT_EN: simultaneous multithreading is enabled on the host.
    public var smtEnabled: Bool { bit(0) }
    /// TSME_EN: transparent SME is enabled.
    public var tsmeEnabled: Bool { bit(1) }

    /// `{value, smt_enabled, tsme_enabled, …}`.
    public var claims: JSONValue {
        var members: [String: JSONValue] = ["value": .unsigned(raw)]
        for flag in flags { members[flag.name] = .bool(flag.value) }
        return .object(members)
    }
}
