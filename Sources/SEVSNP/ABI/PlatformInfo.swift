public import AttestationCore

/// PLATFORM_INFO: how the host platform is configured (report offset 0x40, u64).
///
/// Bits: 0 SMT_EN, 1 TSME_EN, 2 ECC_EN, 3 RAPL_DIS, 4 CIPHERTEXT_HIDING_DRAM_EN, 5 ALIAS_CHECK_COMPLETE,
/// 6 reserved, 7 TIO_EN, 63:8 reserved (must be zero).
public struct PlatformInfo: Sendable, Hashable {
    /// Bits the ABI reserves (6 and 8–63).
    public static let reservedMask: UInt64 = ~UInt64(0xBF)

    /// The raw value.
    public let raw: UInt64

    /// Reads platform info; reserved bits must be zero.
    public init(raw: UInt64) throws {
        guard raw & Self.reservedMask == 0 else { throw SEVSNPError.reservedValue(field: "PLATFORM_INFO", value: raw) }
        self.raw = raw
    }

    func bit(_ index: UInt64) -> Bool { raw & (1 << index) != 0 }

    /// The named bits in order.
    public var flags: [(name: String, value: Bool)] {
        [
            ("smt_enabled", bit(0)), ("tsme_enabled", bit(1)), ("ecc_enabled", bit(2)), ("rapl_disabled", bit(3)),
            ("ciphertext_hiding_enabled", bit(4)), ("alias_check_complete", bit(5)), ("tio_enabled", bit(7)),
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
