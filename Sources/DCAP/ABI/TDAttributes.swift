/// The 8-byte TD_ATTRIBUTES of a trust domain (little-endian 64-bit), TDX module ABI.
public struct TDAttributes: Sendable, Hashable {
    /// The raw 8 bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The attributes as a little-endian integer.
    public var value: UInt64 { bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) } }

    /// DEBUG (bit 0): the TD runs in debug mode; the host VMM can read and write its state.
    public var debug: Bool { value & (1 << 0) != 0 }
    /// SEPT_VE_DISABLE (bit 28): EPT violations are not converted to #VE in the TD.
    public var septVEDisable: Bool { value & (1 << 28) != 0 }
    /// PKS (bit 30): supervisor protection keys are enabled.
    public var pks: Bool { value & (1 << 30) != 0 }
    /// KL (bit 31): Key Locker is enabled.
    public var keyLocker: Bool { value & (1 << 31) != 0 }
    /// PERFMON (bit 63): the TD may use performance monitoring.
    public var perfmon: Bool { value & (1 << 63) != 0 }
}
