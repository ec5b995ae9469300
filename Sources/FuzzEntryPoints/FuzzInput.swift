/// How a fuzz target reads structure out of libFuzzer's flat input: a selector byte that picks one of several
/// parsers, and length-prefixed parts for parsers that take more than one blob.
///
/// The layout is ours (not any vendor's), so seed corpora are built the same way: `scripts/fuzz.sh` writes a
/// selector byte before each vector file, and `UInt16` big-endian lengths before each part.
public struct FuzzInput: Sendable {
    /// The bytes after the selector.
    public let rest: [UInt8]
    /// The first byte (0 for an empty input).
    public let selector: UInt8

    /// Splits off the selector byte.
    public init(_ bytes: [UInt8]) {
        selector = bytes.first ?? 0
        rest = Array(bytes.dropFirst())
    }

    /// Most parts read by ``parts(_:)``.
    public static let maxParts = 16

    /// `bytes` read as parts, each a `UInt16` big-endian length then that many bytes; a part cut short by the end
    /// of the input keeps what is there, and at most ``maxParts`` are read.
    public static func parts(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var index = 0
        while index + 2 <= bytes.count, parts.count < maxParts {
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            let start = index + 2
            let end = min(start + length, bytes.count)
            parts.append(Array(bytes[start..<end]))
            index = end
        }
        return parts
    }

    /// Stops the process when an invariant of a successful parse does not hold: libFuzzer and the regression test
    /// then report the input (a thrown error is the normal outcome for malformed input; this is not).
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard condition else { preconditionFailure("fuzz invariant violated: \(message())") }
    }
}
