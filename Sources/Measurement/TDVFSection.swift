/// One section of TDVF metadata (TDX Virtual Firmware Design Guide §11, `TDVF_SECTION`): where a range of the image
/// (or zeroes) goes in the TD's private memory before it runs, and whether its contents are measured into MRTD.
///
/// Layout, 32 bytes: DataOffset u32, RawDataSize u32, MemoryAddress u64, MemoryDataSize u64, Type u32, Attributes u32.
public struct TDVFSection: Sendable, Hashable {
    /// Section types: BFV (the boot firmware volume), CFV (the configuration volume, i.e. UEFI variables), TD_HOB,
    /// TempMem, PermMem, Payload, PayloadParam.
    public enum Kind: UInt32, Sendable {
        case bfv = 0, cfv = 1, tdHOB = 2, tempMem = 3, permMem = 4, payload = 5, payloadParam = 6
    }

    /// Attributes bit 0: the contents are measured with TDH.MR.EXTEND.
    public static let mrExtend: UInt32 = 1 << 0
    /// Attributes bit 1: the memory is added later with TDH.MEM.PAGE.AUG, not at build time (so not in MRTD).
    public static let pageAug: UInt32 = 1 << 1
    /// Largest MemoryDataSize accepted for one section.
    public static let maxMemoryBytes: UInt64 = 1 << 30

    /// Offset of the section's bytes in the image.
    public let dataOffset: UInt32
    /// How many bytes of the image the section takes (the rest of its memory is zero).
    public let rawDataSize: UInt32
    /// Guest-physical address of the section, 4 KiB-aligned.
    public let memoryAddress: UInt64
    /// Size of the section in memory, a whole number of 4 KiB pages.
    public let memoryDataSize: UInt64
    /// The section type.
    public let kind: Kind
    /// The attribute bits (``mrExtend``, ``pageAug``).
    public let attributes: UInt32

    /// Whether TDH.MEM.PAGE.ADD puts the section in the TD at build time.
    public var isAdded: Bool { attributes & Self.pageAug == 0 }
    /// Whether its contents are extended into MRTD.
    public var isExtended: Bool { attributes & Self.mrExtend != 0 }
}
