import TPM
/// A TPM handle: a hierarchy, PCR, NV index, loaded object or session (TPM 2.0 Part 2, §7).
public struct TPMHandle: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// TPM_RH_OWNER: the storage hierarchy.
    public static let owner = Self(rawValue: 0x4000_0001)
    /// TPM_RS_PW: the password authorization pseudo-session.
    public static let passwordSession = Self(rawValue: 0x4000_0009)
    /// TPM_RH_NULL.
    public static let null = Self(rawValue: 0x4000_0007)
    /// TPM_RH_ENDORSEMENT: the endorsement hierarchy.
    public static let endorsement = Self(rawValue: 0x4000_000B)
    /// TPM_RH_PLATFORM.
    public static let platform = Self(rawValue: 0x4000_000C)
    /// The first transient object handle (TPM_HT_TRANSIENT).
    public static let firstTransient = Self(rawValue: 0x8000_0000)

    /// The handle of PCR `index`.
    public static func pcr(_ index: Int) -> Self { Self(rawValue: UInt32(truncatingIfNeeded: index)) }

    public var description: String { "0x" + String(rawValue, radix: 16) }
}
