import Crypto

/// The table QEMU writes into the firmware's SEV hash-table page for measured direct boot: SHA-256 of the command
/// line (with its NUL), the initrd and the kernel, each entry `GUID ‖ length (u16) ‖ hash`, the table `GUID ‖ length
/// ‖ entries`, padded to 16 bytes.
public struct SEVHashTable: Sendable, Hashable {
    static let tableGUID = GUID("9438d606-4f22-4cc9-b479-a793d411fd21")
    static let kernelGUID = GUID("4de79437-abd2-427f-b835-d5b172d2045b")
    static let initrdGUID = GUID("44baf731-3a2f-4bd7-9af1-41e29169781d")
    static let commandLineGUID = GUID("97d02dd8-bd20-4c94-aa78-e7714d36ab2a")

    public let kernelHash: [UInt8]
    public let initrdHash: [UInt8]
    public let commandLineHash: [UInt8]

    /// Hashes of a kernel, an initrd (none: empty) and a command line (none: empty; a NUL is appended as QEMU does).
    public init(kernel: [UInt8], initrd: [UInt8]?, commandLine: String?) {
        kernelHash = Array(SHA256.hash(data: kernel))
        initrdHash = Array(SHA256.hash(data: initrd ?? []))
        commandLineHash = Array(SHA256.hash(data: Array((commandLine ?? "").utf8) + [0]))
    }

    /// The padded table.
    public var bytes: [UInt8] {
        func entry(_ guid: GUID, _ hash: [UInt8]) -> [UInt8] { guid.bytes + [50, 0] + hash }
        var table = Self.tableGUID.bytes + [168, 0]
        table += entry(Self.commandLineGUID, commandLineHash) + entry(Self.initrdGUID, initrdHash) + entry(Self.kernelGUID, kernelHash)
        return table + [UInt8](repeating: 0, count: (16 - table.count % 16) % 16)
    }

    /// The page that holds the table at `offset`.
    func page(offset: Int) -> [UInt8] {
        var page = [UInt8](repeating: 0, count: LaunchDigest.pageSize)
        let table = bytes
        page.replaceSubrange(offset..<(offset + table.count), with: table)
        return page
    }
}
