public import Foundation

/// A stored reference-value entry (its JSON document form, see Appraisal.ReferenceValue) with an id.
public struct ReferenceValueRecord: Sendable, Hashable {
    /// Server-assigned identifier.
    public let id: String
    /// The TEE the entry applies to (indexed for listing).
    public let tee: String
    /// The entry's JSON text, compact.
    public let document: String
    /// When it was added.
    public let createdAt: Date

    public init(id: String, tee: String, document: String, createdAt: Date) {
        self.id = id
        self.tee = tee
        self.document = document
        self.createdAt = createdAt
    }
}
