/// What a row's integrity tag covers: the table, the row's key and version, and every field that decides what the
/// row means (a policy's text, a secret's sealed value and data key, a reference value's document).
///
/// A tag over this content, made with a key only the service holds (derived from the key-encryption key), lets the
/// service notice a row that someone with write access to the database changed, moved to another key or rolled
/// to another version.
public struct RowContent: Sendable, Hashable {
    /// The table the row lives in.
    public let table: String
    /// The row's key (policy id, path prefix, secret path, reference-value id, …).
    public let key: String
    /// The row's version (1 for unversioned rows).
    public let version: Int
    /// The fields covered, in a fixed order per table.
    public let fields: [String]

    public init(table: String, key: String, version: Int, fields: [String]) {
        self.table = table
        self.key = key
        self.version = version
        self.fields = fields
    }

    /// An unambiguous encoding: a label, then table, key, version and each field, each prefixed with its UTF-8
    /// length as 4 bytes big-endian.
    public var canonicalBytes: [UInt8] {
        var bytes = Array("assay-row-v1".utf8)
        for part in [table, key, String(version)] + fields {
            let utf8 = Array(part.utf8)
            let count = UInt32(clamping: utf8.count)
            bytes += [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
            bytes += utf8
        }
        return bytes
    }
}

/// Makes the integrity tag of a row as it is written (the service's KEK-derived HMAC key).
public protocol RowTagger: Sendable {
    /// The tag of `content`, as stored in the row's `mac` column.
    func tag(_ content: RowContent) -> String
}
