extension OVMFImage {
    /// The footer-table entry whose value is the offset, from the image's end, of the TDVF metadata.
    static let tdvfMetadataGUID = GUID("e47a6535-984a-4798-865e-4685a7bf8ec2")

    /// The TDVF metadata's sections (descriptor `TDVF`, version 1), checked against the image: sections lie inside it,
    /// addresses and sizes are whole pages. Throws for an image without TDX support (no metadata entry).
    public func tdvfSections() throws -> [TDVFSection] {
        let offset = Int(try entryValue(Self.tdvfMetadataGUID, name: "TDX metadata"))
        guard offset >= 16, offset <= data.count else {
            throw MeasurementError.firmware("the TDVF metadata lies \(offset) bytes before the end of a \(data.count)-byte image")
        }
        let start = data.count - offset
        func u32(_ at: Int) -> UInt32 {
            UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
        }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
        guard Array(data[start..<(start + 4)]) == Array("TDVF".utf8) else {
            throw MeasurementError.firmware("the TDX metadata does not start with 'TDVF'")
        }
        guard u32(start + 8) == 1 else { throw MeasurementError.firmware("TDVF metadata version \(u32(start + 8)) (known: 1)") }
        let count = Int(u32(start + 12))
        guard count <= Self.maxEntries, start + 16 + count * 32 <= data.count else {
            throw MeasurementError.firmware("\(count) TDVF sections do not fit the image (at most \(Self.maxEntries))")
        }
        let page = UInt64(LaunchDigest.pageSize)
        return try (0..<count).map { index in
            let at = start + 16 + index * 32
            let name = "TDVF section \(index)"
            guard let kind = TDVFSection.Kind(rawValue: u32(at + 24)) else {
                throw MeasurementError.firmware("\(name) has unknown type \(u32(at + 24))")
            }
            let section = TDVFSection(
                dataOffset: u32(at), rawDataSize: u32(at + 4), memoryAddress: u64(at + 8), memoryDataSize: u64(at + 16), kind: kind,
                attributes: u32(at + 28))
            guard section.memoryAddress % page == 0, section.memoryDataSize % page == 0,
                section.memoryDataSize <= TDVFSection.maxMemoryBytes, section.memoryAddress <= UInt64.max - section.memoryDataSize
            else {
                throw MeasurementError.firmware(
                    "\(name) (\(kind)) is not whole 4 KiB pages of at most \(TDVFSection.maxMemoryBytes) bytes")
            }
            guard UInt64(section.rawDataSize) <= section.memoryDataSize,
                Int(section.dataOffset) + Int(section.rawDataSize) <= data.count
            else {
                throw MeasurementError.firmware(
                    "\(name) (\(kind)) takes \(section.rawDataSize) bytes at offset \(section.dataOffset) of a \(data.count)-byte image: "
                        + "give the unified OVMF.fd (code and variables in one image), not OVMF_CODE.fd")
            }
            return section
        }
    }
}
