public import Foundation

/// A stored appraisal or resource policy, versioned on every update.
public struct PolicyRecord: Sendable, Hashable {
    /// The policy id (path segment of `/v1/policies/{id}`), or the path prefix of a resource policy.
    public let id: String
    /// 1 for the first upload, incremented by each update; never reused for the same id, even after a deletion.
    public let version: Int
    /// The policy source.
    public let text: String
    /// SHA-256 of `text`, hex.
    public let sha256: String
    /// When this version was stored.
    public let updatedAt: Date
    /// The integrity tag over ``content(table:)``; empty when the row has none (the service then ignores it).
    public let mac: String

    public init(id: String, version: Int, text: String, sha256: String, updatedAt: Date, mac: String = "") {
        self.id = id
        self.version = version
        self.text = text
        self.sha256 = sha256
        self.updatedAt = updatedAt
        self.mac = mac
    }

    /// What the integrity tag covers, for the table the record lives in.
    public func content(table: String) -> RowContent {
        RowContent(table: table, key: id, version: version, fields: [sha256, text])
    }

    /// A copy with the integrity tag made by `tagger` for `table`.
    func tagged(by tagger: any RowTagger, table: String) -> PolicyRecord {
        PolicyRecord(
            id: id, version: version, text: text, sha256: sha256, updatedAt: updatedAt,
            mac: tagger.tag(content(table: table)))
    }
}
