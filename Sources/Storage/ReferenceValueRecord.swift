public import Foundation

/// A stored reference-value entry (its JSON document form, see Appraisal.ReferenceValue) with an id.
public struct ReferenceValueRecord: Sendable, Hashable {
    /// The table reference values live in (part of their integrity tag).
    public static let table = "reference_values"

    /// Server-assigned identifier.
    public let id: String
    /// The TEE the entry applies to (indexed for listing).
    public let tee: String
    /// The entry's JSON text, compact.
    public let document: String
    /// When it was added.
    public let createdAt: Date
    /// The integrity tag over ``content``.
    public let mac: String

    public init(id: String, tee: String, document: String, createdAt: Date, mac: String = "") {
        self.id = id
        self.tee = tee
        self.document = document
        self.createdAt = createdAt
        self.mac = mac
    }

    /// What the integrity tag covers.
    public var content: RowContent {
        RowContent(table: Self.table, key: id, version: 1, fields: [tee, document])
    }

    /// A copy carrying the tag `tagger` makes.
    public func tagged(by tagger: any RowTagger) -> ReferenceValueRecord {
        ReferenceValueRecord(id: id, tee: tee, document: document, createdAt: createdAt, mac: tagger.tag(content))
    }
}
