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
        var pageAdd = Self.block("MEM.PAGE.ADD"), mrExtend = Self.block("MR.EXTEND")
        var partialPage = [UInt8](repeating: 0, count: page)
        for section in sections where section.isAdded {
            let base = Int(section.dataOffset), raw = Int(section.rawDataSize)
            for pageIndex in 0..<Int(section.memoryDataSize / UInt64(page)) {
                let gpa = section.memoryAddress + UInt64(pageIndex * page)
                Self.setGPA(gpa, in: &pageAdd)
                hash.update(data: pageAdd)
                guard section.isExtended else { continue }
                // The page's contents: the image's bytes for the first RawDataSize bytes of the section, zeroes after.
                let from = pageIndex * page
                let available = max(0, min(page, raw - from))
                let contents: ArraySlice<UInt8>
                if available == page {
                    contents = firmware.data[(base + from)..<(base + from + page)]
                } else {
                    for offset in 0..<page { partialPage[offset] = offset < available ? firmware.data[base + from + offset] : 0 }
                    contents = partialPage[...]
                }
                for chunk in stride(from: 0, to: page, by: Self.chunkSize) {
                    Self.setGPA(gpa + UInt64(chunk), in: &mrExtend)
                    hash.update(data: mrExtend)
                    hash.update(data: contents[(contents.startIndex + chunk)..<(contents.startIndex + chunk + Self.chunkSize)])
                }
            }
        }
        return Array(hash.finalize())
    }

    /// A 128-byte TDX-module measurement block for `operation`: its name zero-padded to 16 bytes, the GPA (set with
    /// ``setGPA(_:in:)``), zeroes.
    static func block(_ operation: String) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 128)
        for (index, byte) in operation.utf8.enumerated() { block[index] = byte }
        return block
    }

    /// Writes a GPA, little-endian, at bytes 16..<24 of a measurement block.
    static func setGPA(_ gpa: UInt64, in block: inout [UInt8]) {
        for index in 0..<8 { block[16 + index] = UInt8(truncatingIfNeeded: gpa >> UInt64(8 * index)) }
    }
}
