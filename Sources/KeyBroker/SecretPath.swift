/// A validated secret path (or resource-policy prefix): `/`-separated segments of letters, digits, `.`, `_`, `-`.
///
/// Paths never contain empty, `.` or `..` segments, so a path names exactly one place and prefixes match whole
/// segments: the policy on `apps/db` covers `apps/db/key` but not `apps/dbx`.
public struct SecretPath: Sendable, Hashable, CustomStringConvertible {
    /// Longest path accepted, in bytes.
    public static let maxLength = 256
    /// Most segments accepted.
    public static let maxSegments = 16

    /// The path text, e.g. `apps/db/disk-key`.
    public let text: String

    public init(_ text: String) throws(KeyBrokerError) {
        guard !text.isEmpty else { throw .invalidPath(text, reason: "it is empty") }
        guard text.utf8.count <= Self.maxLength else {
            throw .invalidPath(text, reason: "it is longer than \(Self.maxLength) bytes")
        }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count <= Self.maxSegments else {
            throw .invalidPath(text, reason: "it has more than \(Self.maxSegments) segments")
        }
        for segment in segments {
            guard !segment.isEmpty else { throw .invalidPath(text, reason: "it has an empty segment (leading, trailing or double '/')") }
            guard segment != ".", segment != ".." else { throw .invalidPath(text, reason: "'.' and '..' segments are not allowed") }
            guard segment.utf8.allSatisfy(Self.allowed) else {
                throw .invalidPath(text, reason: "segment '\(segment.prefix(40))' has a character other than letters, digits, '.', '_' and '-'")
            }
        }
        self.text = text
    }

    static func allowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    /// The path and each of its ancestors, longest first: `a/b/c`, `a/b`, `a`.
    public var prefixes: [String] {
        var result = [text]
        var current = Substring(text)
        while let slash = current.lastIndex(of: "/") {
            current = current[..<slash]
            result.append(String(current))
        }
        return result
    }

    public var description: String { text }
}
