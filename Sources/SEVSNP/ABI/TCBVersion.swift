public import AttestationCore

/// A TCB_VERSION: the security patch levels of the AMD-SP firmware components and the microcode (8 bytes).
///
/// Layouts (little-endian u64, byte numbers):
/// - before Turin: 0 BOOT_LOADER, 1 TEE, 2–5 reserved, 6 SNP, 7 MICROCODE;
/// - Turin: 0 FMC, 1 BOOT_LOADER, 2 TEE, 3 SNP, 4–6 reserved, 7 MICROCODE.
public struct TCBVersion: Sendable, Hashable, CustomStringConvertible {
    /// Which byte layout the value follows.
    public enum Layout: String, Sendable, Hashable {
        case preTurin
        case turin
    }

    /// The raw 64-bit value.
    public let raw: UInt64
    /// The layout used to read the components.
    public let layout: Layout

    /// Reads a TCB_VERSION; every value is readable (reserved bytes that are set show in ``reserved(field:)``).
    public init(raw: UInt64, layout: Layout) {
        self.raw = raw
        self.layout = layout
    }

    /// The reserved bytes of this layout that are set, named `"<field> byte N"` (`field` like `current_tcb`).
    public func reserved(field: String) -> ReservedFields {
        var reserved = ReservedFields()
        for byte in layout == .turin ? [4, 5, 6] : [2, 3, 4, 5] where self.byte(byte) != 0 {
            reserved.note("\(field) byte \(byte)")
        }
        return reserved
    }

    /// Builds a TCB_VERSION from components (FMC only in the Turin layout).
    public init(bootloader: UInt8, tee: UInt8, snp: UInt8, microcode: UInt8, fmc: UInt8? = nil) {
        if let fmc {
            raw = UInt64(fmc) | UInt64(bootloader) << 8 | UInt64(tee) << 16 | UInt64(snp) << 24
                | UInt64(microcode) << 56
            layout = .turin
        } else {
            raw = UInt64(bootloader) | UInt64(tee) << 8 | UInt64(snp) << 48 | UInt64(microcode) << 56
            layout = .preTurin
        }
    }

    func byte(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: raw >> (8 * UInt64(index))) }

    /// BOOT_LOADER SVN.
    public var bootloader: UInt8 { byte(layout == .turin ? 1 : 0) }
    /// TEE (AMD-SP OS) SVN.
    public var tee: UInt8 { byte(layout == .turin ? 2 : 1) }
    /// SNP firmware SVN.
    public var snp: UInt8 { byte(layout == .turin ? 3 : 6) }
    /// MICROCODE patch level.
    public var microcode: UInt8 { byte(7) }
    /// FMC (first mutable code) SVN, Turin and later only.
    public var fmc: UInt8? { layout == .turin ? byte(0) : nil }

    /// `{bootloader, tee, snp, microcode, fmc when present}` (ARCHITECTURE.md §4).
    public var claims: JSONValue {
        var members: [String: JSONValue] = [
            "bootloader": .integer(Int64(bootloader)), "tee": .integer(Int64(tee)), "snp": .integer(Int64(snp)),
            "microcode": .integer(Int64(microcode)),
        ]
        if let fmc { members["fmc"] = .integer(Int64(fmc)) }
        return .object(members)
    }

    public var description: String {
        (fmc.map { "fmc \($0), " } ?? "") + "bootloader \(bootloader), tee \(tee), snp \(snp), microcode \(microcode)"
            + " (0x\(String(raw, radix: 16)))"
    }
}
