public import Foundation

/// Instants are stored as integer milliseconds since 1970 in both backends.
public enum Milliseconds {
    /// The stored form of an instant.
    public static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    /// The instant a stored value names.
    public static func date(_ value: Int64) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }
}
