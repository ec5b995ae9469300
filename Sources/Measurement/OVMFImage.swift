import Foundation

/// An OVMF firmware image as SEV-SNP launch measurement reads it: the GUIDed footer table at its end (SEV-ES reset
/// block, SEV hash table location, SEV metadata) and the SEV metadata sections (OvmfPkg/ResetVector's
/// OvmfSevMetadata: secrets, CPUID, pre-validated memory, kernel hashes). The image is mapped to end at 4 GiB.
public struct OVMFImage: Sendable {
    /// Largest image read (OVMF builds are 2–4 MiB; with variables up to 8 MiB).
    public static let maxBytes = 64 * 1024 * 1024
    /// Most footer-table entries and metadata sections read.
    public static let maxEntries = 64

    /// One SEV metadata section.
    public struct Section: Sendable, Hashable {
        public enum Kind: UInt32, Sendable {
            case snpSecureMemory = 1
            case snpSecrets = 2
            case cpuid = 3
            case svsmCallingArea = 4
            case snpKernelHashes = 0x10
        }

        public let gpa: UInt64
        public let size: UInt64
        public let kind: Kind
    }

    static let footerGUID = GUID("96b582de-1fb2-45f7-baea-a366c55a082d")
    static let sevHashTableGUID = GUID("7255371f-3a3b-4b04-927b-1da6efa8d454")
    static let sevESResetBlockGUID = GUID("00f771de-1a7e-4fcb-890e-68c77e2fb44e")
    static let sevMetadataGUID = GUID("dc886566-984a-4798-a75e-5585a7bf67cc")

    /// The image bytes.
    public let data: [UInt8]
    /// The footer table: GUID → entry data.
    let table: [GUID: [UInt8]]
    /// The SEV metadata sections, in order.
    public let sections: [Section]

    /// Where the image starts: it ends at 4 GiB.
    public var gpa: UInt64 { 0x1_0000_0000 - UInt64(data.count) }

    public init(data: [UInt8]) throws {
        guard !data.isEmpty, data.count <= Self.maxBytes else {
            throw MeasurementError.firmware("\(data.count) bytes (an OVMF image has 1 to \(Self.maxBytes) bytes)")
        }
        guard data.count % LaunchDigest.pageSize == 0 else {
            throw MeasurementError.firmware("\(data.count) bytes is not a whole number of 4 KiB pages")
        }
        self.data = data
        table = try Self.footerTable(data)
        sections = try Self.metadata(data, table: table)
    }

    /// The 32-bit little-endian value at the start of a footer entry.
    func entryValue(_ guid: GUID, name: String) throws -> UInt32 {
        guard let entry = table[guid], entry.count >= 4 else {
            throw MeasurementError.firmware("no \(name) entry in the OVMF footer table (\(guid)): not an SEV-capable OVMF build")
        }
        return UInt32(entry[0]) | UInt32(entry[1]) << 8 | UInt32(entry[2]) << 16 | UInt32(entry[3]) << 24
    }

    /// The application processors' reset address (SEV-ES reset block).
    public func sevESResetEIP() throws -> UInt32 { try entryValue(Self.sevESResetBlockGUID, name: "SEV-ES reset block") }

    /// Where the SEV hash table (kernel hashes) lives.
    public func sevHashTableGPA() throws -> UInt32 { try entryValue(Self.sevHashTableGUID, name: "SEV hash table") }

    /// The table that ends 32 bytes before the image's end: entries `data ‖ size (u16) ‖ GUID` read backwards from
    /// the footer entry, whose size covers the whole table.
    static func footerTable(_ data: [UInt8]) throws -> [GUID: [UInt8]] {
        let header = 18
        guard data.count >= 32 + header else { return [:] }
        let footerStart = data.count - 32 - header
        guard GUID(bytes: data[(footerStart + 2)..<(footerStart + header)]) == footerGUID else { return [:] }
        let tableSize = Int(UInt16(data[footerStart]) | UInt16(data[footerStart + 1]) << 8) - header
        guard tableSize >= 0, tableSize <= footerStart else {
            throw MeasurementError.firmware("the OVMF footer table claims \(tableSize) bytes")
        }
        var table: [GUID: [UInt8]] = [:]
        var end = footerStart
        let start = footerStart - tableSize
        while end - start >= header {
            guard table.count < maxEntries else { throw MeasurementError.firmware("more than \(maxEntries) footer-table entries") }
            let entryHeader = end - header
            let size = Int(UInt16(data[entryHeader]) | UInt16(data[entryHeader + 1]) << 8)
            guard size >= header, size <= end - start else {
                throw MeasurementError.firmware("an OVMF footer-table entry of \(size) bytes")
            }
            table[GUID(bytes: data[(entryHeader + 2)..<end])] = Array(data[(end - size)..<entryHeader])
            end -= size
        }
        return table
    }

    /// The sections of the SEV metadata (`ASEV`, version 1) the footer table points at (offset from the end).
    static func metadata(_ data: [UInt8], table: [GUID: [UInt8]]) throws -> [Section] {
        guard let entry = table[sevMetadataGUID] else { return [] }
        guard entry.count >= 4 else { throw MeasurementError.firmware("a short SEV metadata footer entry") }
        let offsetFromEnd = Int(UInt32(entry[0]) | UInt32(entry[1]) << 8 | UInt32(entry[2]) << 16 | UInt32(entry[3]) << 24)
        guard offsetFromEnd <= data.count, offsetFromEnd >= 16 else {
            throw MeasurementError.firmware("the SEV metadata lies \(offsetFromEnd) bytes before the end of a \(data.count)-byte image")
        }
        let start = data.count - offsetFromEnd
        func u32(_ at: Int) -> UInt32 {
            UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
        }
        guard Array(data[start..<(start + 4)]) == Array("ASEV".utf8) else {
            throw MeasurementError.firmware("the SEV metadata does not start with 'ASEV'")
        }
        guard u32(start + 8) == 1 else { throw MeasurementError.firmware("SEV metadata version \(u32(start + 8)) (known: 1)") }
        let count = Int(u32(start + 12))
        guard count <= maxEntries, start + 16 + count * 12 <= data.count else {
            throw MeasurementError.firmware("\(count) SEV metadata sections do not fit the image")
        }
        return try (0..<count).map { index in
            let at = start + 16 + index * 12
            guard let kind = Section.Kind(rawValue: u32(at + 8)) else {
                throw MeasurementError.firmware("SEV metadata section \(index) has unknown type \(u32(at + 8))")
            }
            return Section(gpa: UInt64(u32(at)), size: UInt64(u32(at + 4)), kind: kind)
        }
    }
}
