public import Foundation

/// A stored appraisal or resource policy, versioned on every update.
public struct PolicyRecord: Sendable, Hashable {
    /// The policy id (path segment of `/v1/policies/{id}`).
    public let id: String
    /// 1 for the first upload, incremented by each update.
    public let version: Int
    /// The policy source.
    public let text: String
    /// SHA-256 of `text`, hex.
    public let sha256: String
    /// When this version was stored.
    public let updatedAt: Date

    public init(id: String, version: Int, text: String, sha256: String, updatedAt: Date) {
        self.id = id
        self.version = version
        self.text = text
        self.sha256 = sha256
        self.updatedAt = updatedAt
    }
}
