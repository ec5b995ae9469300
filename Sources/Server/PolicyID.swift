/// A stored appraisal policy's id: 1–64 ASCII letters, digits, `.`, `_` and `-` (a URL path segment as is).
public struct PolicyID: Sendable, Hashable, CustomStringConvertible {
    /// Longest id.
    public static let maxLength = 64
    /// The id.
    public let text: String

    /// Validates `text`; nil when it is not a policy id.
    public init?(_ text: String) {
        guard (1...Self.maxLength).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
                    || byte == 0x2e || byte == 0x5f || byte == 0x2d
            })
        else { return nil }
        self.text = text
    }

    public var description: String { text }

    /// What a policy id may be, for messages.
    public static let rule = "a policy id is 1-64 characters of letters, digits, '.', '_' and '-'"
}
