import Crypto

/// MRTD, the TD's build-time measurement, as the TDX module accumulates it while the VMM (QEMU with Linux KVM) loads
/// TDVF: for each TDVF section that is not PAGE.AUG, in metadata order, and for each of its 4 KiB pages,
/// TDH.MEM.PAGE.ADD and then, for sections with MR.EXTEND, TDH.MR.EXTEND of the page's sixteen 256-byte chunks.
///
/// MRTD is one SHA-384 over the sequence (Intel TDX Module ABI): PAGE.ADD contributes a 128-byte block
/// `"MEM.PAGE.ADD"` (zero-padded to 16 bytes) ‖ GPA (u64 LE) ‖ zeroes; MR.EXTEND a 128-byte block `"MR.EXTEND"`
/// (zero-padded to 16) ‖ GPA ‖ zeroes, then the 256 chunk bytes.
public struct TDXBuildMeasurement: Sendable {
    /// Bytes TDH.MR.EXTEND measures at a time.
    static let chunkSize = 256

    /// The firmware image.
    public let firmware: OVMFImage
    /// Its TDVF sections.
    public let sections: [TDVFSection]

    public init(firmware: OVMFImage) throws {
        self.firmware = firmware
        sections = try firmware.tdvfSections()
    }

    /// The 48-byte MRTD.
    public func mrtd() -> [UInt8] {
        var hash = SHA384()
        let page = LaunchDigest.pageSize
        var pageBytes = [UInt8](repeating: 0, count: page)
        for section in sections where section.isAdded {
            let base = Int(section.dataOffset), raw = Int(section.rawDataSize)
            for pageIndex in 0..<Int(section.memoryDataSize / UInt64(page)) {
                let gpa = section.memoryAddress + UInt64(pageIndex * page)
                hash.update(data: Self.block("MEM.PAGE.ADD", gpa: gpa))
                guard section.isExtended else { continue }
                // The page's contents: the image's bytes for the first RawDataSize bytes of the section, zeroes after.
                let from = pageIndex * page
                let available = max(0, min(page, raw - from))
                for offset in 0..<page { pageBytes[offset] = offset < available ? firmware.data[base + from + offset] : 0 }
                for chunk in stride(from: 0, to: page, by: Self.chunkSize) {
                    hash.update(data: Self.block("MR.EXTEND", gpa: gpa + UInt64(chunk)))
                    hash.update(data: pageBytes[chunk..<(chunk + Self.chunkSize)])
                }
            }
        }
        return Array(hash.finalize())
    }

    /// A 128-byte TDX-module measurement block: the operation's name zero-padded to 16 bytes, the GPA, zeroes.
    static func block(_ operation: String, gpa: UInt64) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 128)
        for (index, byte) in operation.utf8.enumerated() { block[index] = byte }
        for index in 0..<8 { block[16 + index] = UInt8(truncatingIfNeeded: gpa >> UInt64(8 * index)) }
        return block
    }
}
