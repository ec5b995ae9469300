public import Foundation

/// RFC 3339 timestamps (`2024-12-11T22:14:21Z`, with optional fractional seconds and offsets).
public enum RFC3339 {
    /// Parses a timestamp; nil if it is not RFC 3339.
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Formats a date in UTC with a `Z` suffix and whole seconds.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
