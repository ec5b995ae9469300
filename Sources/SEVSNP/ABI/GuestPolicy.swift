public import AttestationCore

/// The guest POLICY the VM was launched with (report offset 0x08, u64).
///
/// Bits: 7:0 ABI_MINOR, 15:8 ABI_MAJOR, 16 SMT, 17 reserved (must be one), 18 MIGRATE_MA, 19 DEBUG,
/// 20 SINGLE_SOCKET, 21 CXL_ALLOW, 22 MEM_AES_256_XTS, 23 RAPL_DIS, 24 CIPHERTEXT_HIDING_DRAM,
/// 25 PAGE_SWAP_DISABLE, 63:26 reserved (must be zero). A reserved bit that does not hold its required value is
/// recorded in ``reserved``, not rejected: newer firmware defines new bits, and the signature covers them.
public struct GuestPolicy: Sendable, Hashable {
    /// Bit 17, which the ABI requires to be one.
    public static let reservedOneBit: UInt64 = 1 << 17
    /// Bits 26–63, which the ABI requires to be zero.
    public static let reservedZeroMask: UInt64 = ~((1 << 26) - 1)

    /// The raw value.
    public let raw: UInt64

    /// Reads a policy; every value is readable.
    public init(raw: UInt64) { self.raw = raw }

    /// Reserved bits that do not hold their required values (`policy bit 17 clear`, `policy bit 26`, …).
    public var reserved: ReservedFields {
        var reserved = ReservedFields()
        if raw & Self.reservedOneBit == 0 { reserved.note("policy bit 17 clear") }
        reserved.noteBits(raw, mask: Self.reservedZeroMask, field: "policy")
        return reserved
    }

    func bit(_ index: UInt64) -> Bool { raw & (1 << index) != 0 }

    /// ABI_MINOR: the minimum firmware ABI minor version.
    public var abiMinor: UInt8 { UInt8(truncatingIfNeeded: raw) }
    /// ABI_MAJOR: the minimum firmware ABI major version.
    public var abiMajor: UInt8 { UInt8(truncatingIfNeeded: raw >> 8) }
    /// SMT: simultaneous multithreading allowed.
    public var smt: Bool { bit(16) }
    /// MIGRATE_MA: association with a migration agent allowed.
    public var migrateMA: Bool { bit(18) }
    /// DEBUG: debugging (host access to guest memory) allowed.
    public var debug: Bool { bit(19) }
    /// SINGLE_SOCKET: the guest may only run on one socket.
    public var singleSocket: Bool { bit(20) }
    /// CXL_ALLOW: CXL may be populated with devices or memory.
    public var cxlAllowed: Bool { bit(21) }
    /// MEM_AES_256_XTS: AES-256-XTS memory encryption required.
    public var memAES256XTS: Bool { bit(22) }
    /// RAPL_DIS: Running Average Power Limit must be disabled.
    public var raplDisabled: Bool { bit(23) }
    /// CIPHERTEXT_HIDING_DRAM: ciphertext hiding for DRAM must be enabled.
    public var ciphertextHiding: Bool { bit(24) }
    /// PAGE_SWAP_DISABLE: the guest may not use SNP_PAGE_MOVE / SWAP_OUT / SWAP_IN.
    public var pageSwapDisabled: Bool { bit(25) }

    /// The named flags in bit order, for claims and inspection.
    public var flags: [(name: String, value: Bool)] {
        [
            ("smt", smt), ("migrate_ma", migrateMA), ("debug", debug), ("single_socket", singleSocket),
            ("cxl_allowed", cxlAllowed), ("mem_aes_256_xts", memAES256XTS), ("rapl_disabled", raplDisabled),
            ("ciphertext_hiding", ciphertextHiding), ("page_swap_disabled", pageSwapDisabled),
        ]
    }

    /// `{value, abi_major, abi_minor, smt, migrate_ma, debug, single_socket, …}`.
    public var claims: JSONValue {
        var members: [String: JSONValue] = [
            "value": .unsigned(raw), "abi_major": .integer(Int64(abiMajor)), "abi_minor": .integer(Int64(abiMinor)),
        ]
        for flag in flags { members[flag.name] = .bool(flag.value) }
        return .object(members)
    }
}
