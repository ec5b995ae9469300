import AttestationCore

/// The certificate table an extended report request returns (SNP_GET_EXT_REPORT, or configfs-tsm's `auxblob`):
/// GUID-tagged blobs as defined by the GHCB specification, MSG_REPORT_REQ.
///
/// Layout: entries of 24 bytes (GUID, 16 bytes in RFC 4122 order; offset u32 LE; length u32 LE) ended by an
/// all-zero entry, then the blobs at their offsets (from the start of the table). An empty input is an empty
/// table. Padding after the last blob is allowed (the kernel hands over whole pages).
public struct CertificateTable: Sendable, Hashable {
    /// Most entries read (the GHCB specification defines four certificate kinds).
    public static let maxEntries = 32
    /// Largest table accepted.
    public static let maxBytes = 1024 * 1024
    /// Size of one table entry.
    public static let entrySize = 24

    /// What a table entry holds, by GUID.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The VCEK certificate, 63da758d-e664-4564-adc5-f4b93be8accd.
        case vcek = "63da758d-e664-4564-adc5-f4b93be8accd"
        /// The VLEK certificate, a8074bc2-a25a-483e-aae6-39c045a0b8a1.
        case vlek = "a8074bc2-a25a-483e-aae6-39c045a0b8a1"
        /// The ASK (or ASVK) certificate, 4ab7b379-bbac-4fe4-a02f-05aef327c782.
        case ask = "4ab7b379-bbac-4fe4-a02f-05aef327c782"
        /// The ARK certificate, c0b406a4-a803-4952-9743-3fb6014cd0ae.
        case ark = "c0b406a4-a803-4952-9743-3fb6014cd0ae"

        /// The GUID's 16 bytes in table order.
        public var guid: [UInt8] { CertificateTable.guidBytes(rawValue) }

        /// The kind of a GUID, if it is one of the four.
        public init?(guid: [UInt8]) {
            guard let kind = Self.allCases.first(where: { $0.guid == guid }) else { return nil }
            self = kind
        }
    }

    /// One entry: its GUID and blob.
    public struct Entry: Sendable, Hashable {
        /// The 16 GUID bytes.
        public let guid: [UInt8]
        /// The blob (a DER certificate for the four known kinds).
        public let data: [UInt8]

        public init(guid: [UInt8], data: [UInt8]) {
            self.guid = guid
            self.data = data
        }

        /// The entry's kind, if its GUID is a known one.
        public var kind: Kind? { Kind(guid: guid) }

        /// The GUID in its canonical text form.
        public var guidText: String {
            let hex = Hex.encode(guid)
            let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(hex.dropFirst(range.lowerBound).prefix(range.count))
            }
            return parts.joined(separator: "-")
        }
    }

    /// The entries in table order.
    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses a table.
    public init(parsing bytes: ArraySlice<UInt8>) throws {
        guard bytes.count <= Self.maxBytes else {
            throw SEVSNPError.malformedCertificateTable("\(bytes.count) bytes, above the limit of \(Self.maxBytes)")
        }
        guard !bytes.isEmpty else {
            entries = []
            return
        }
        var reader = ByteReader(bytes)
        var headers: [(guid: [UInt8], offset: Int, length: Int)] = []
        do {
            while true {
                let guid = try reader.readArray(16, field: "certificate table entry \(headers.count) GUID")
                let offset = try reader.readLittleEndian(UInt32.self, field: "certificate table entry \(headers.count) offset")
                let length = try reader.readLittleEndian(UInt32.self, field: "certificate table entry \(headers.count) length")
                if offset == 0, length == 0, guid.allSatisfy({ $0 == 0 }) { break }
                guard headers.count < Self.maxEntries else {
                    throw SEVSNPError.malformedCertificateTable("more than \(Self.maxEntries) entries")
                }
                headers.append((guid, Int(offset), Int(length)))
            }
        } catch let error as AttestationCoreError {
            throw SEVSNPError.malformedCertificateTable("\(error) (no terminating all-zero entry?)")
        }
        let headerSize = reader.offset
        entries = try headers.enumerated().map { index, header in
            guard header.offset >= headerSize, header.offset + header.length <= bytes.count else {
                throw SEVSNPError.malformedCertificateTable(
                    "entry \(index) points at bytes \(header.offset)..<\(header.offset + header.length), outside \(headerSize)..<\(bytes.count)")
            }
            let start = bytes.startIndex + header.offset
            return Entry(guid: header.guid, data: Array(bytes[start..<(start + header.length)]))
        }
    }

    /// The table in its ABI form (entries, terminator, blobs in order).
    public var serialized: [UInt8] {
        guard !entries.isEmpty else { return [] }
        var header: [UInt8] = []
        var data: [UInt8] = []
        var offset = (entries.count + 1) * Self.entrySize
        for entry in entries {
            header += entry.guid
            header += littleEndian(UInt32(truncatingIfNeeded: offset)) + littleEndian(UInt32(truncatingIfNeeded: entry.data.count))
            data += entry.data
            offset += entry.data.count
        }
        return header + [UInt8](repeating: 0, count: Self.entrySize) + data
    }

    /// The blob of the first entry of a kind.
    public func data(for kind: Kind) -> [UInt8]? {
        entries.first { $0.kind == kind }?.data
    }

    func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// The 16 bytes of a GUID in its text form, in RFC 4122 (big-endian) order.
    static func guidBytes(_ text: String) -> [UInt8] {
        (try? Hex.decode(String(text.filter { $0 != "-" }))) ?? []
    }
}
