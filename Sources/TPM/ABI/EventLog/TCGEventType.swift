/// An event type of the TCG PC Client Platform Firmware Profile (EV_*, §10.4.1).
public struct TCGEventType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// EV_NO_ACTION: informational, never extended into a PCR.
    public static let noAction = Self(rawValue: 0x0000_0003)
    /// EV_SEPARATOR: marks the end of pre-OS measurements in a PCR.
    public static let separator = Self(rawValue: 0x0000_0004)

    static let names: [UInt32: String] = [
        0x0000_0000: "EV_PREBOOT_CERT", 0x0000_0001: "EV_POST_CODE", 0x0000_0002: "EV_UNUSED",
        0x0000_0003: "EV_NO_ACTION", 0x0000_0004: "EV_SEPARATOR", 0x0000_0005: "EV_ACTION",
        0x0000_0006: "EV_EVENT_TAG", 0x0000_0007: "EV_S_CRTM_CONTENTS", 0x0000_0008: "EV_S_CRTM_VERSION",
        0x0000_0009: "EV_CPU_MICROCODE", 0x0000_000A: "EV_PLATFORM_CONFIG_FLAGS", 0x0000_000B: "EV_TABLE_OF_DEVICES",
        0x0000_000C: "EV_COMPACT_HASH", 0x0000_000D: "EV_IPL", 0x0000_000E: "EV_IPL_PARTITION_DATA",
        0x0000_000F: "EV_NONHOST_CODE", 0x0000_0010: "EV_NONHOST_CONFIG", 0x0000_0011: "EV_NONHOST_INFO",
        0x0000_0012: "EV_OMIT_BOOT_DEVICE_EVENTS", 0x0000_0013: "EV_POST_CODE2",
        0x8000_0001: "EV_EFI_VARIABLE_DRIVER_CONFIG", 0x8000_0002: "EV_EFI_VARIABLE_BOOT",
        0x8000_0003: "EV_EFI_BOOT_SERVICES_APPLICATION", 0x8000_0004: "EV_EFI_BOOT_SERVICES_DRIVER",
        0x8000_0005: "EV_EFI_RUNTIME_SERVICES_DRIVER", 0x8000_0006: "EV_EFI_GPT_EVENT", 0x8000_0007: "EV_EFI_ACTION",
        0x8000_0008: "EV_EFI_PLATFORM_FIRMWARE_BLOB", 0x8000_0009: "EV_EFI_HANDOFF_TABLES",
        0x8000_000A: "EV_EFI_PLATFORM_FIRMWARE_BLOB2", 0x8000_000B: "EV_EFI_HANDOFF_TABLES2",
        0x8000_000C: "EV_EFI_VARIABLE_BOOT2", 0x8000_000E: "EV_EFI_GPT_EVENT2",
        0x8000_0010: "EV_EFI_HCRTM_EVENT", 0x8000_00E0: "EV_EFI_VARIABLE_AUTHORITY",
        0x8000_00E1: "EV_EFI_SPDM_FIRMWARE_BLOB", 0x8000_00E2: "EV_EFI_SPDM_FIRMWARE_CONFIG",
    ]

    /// `EV_…` for known types, `0x…` otherwise.
    public var name: String { Self.names[rawValue] ?? "0x" + String(rawValue, radix: 16) }

    public var description: String { name }
}
