/// Why AttestationCore could not decode or bound a piece of input: thrown, never a verdict.
public enum AttestationCoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A binary field runs past the end of the input.
    case truncated(field: String, offset: Int, needed: Int, available: Int)
    /// A reserved range that must be zero is not.
    case reservedNotZero(field: String, offset: Int)
    /// A length, count or depth read from the input exceeds its named bound.
    case boundExceeded(field: String, value: Int, limit: Int)
    /// Bytes are left over after a structure that must fill its input exactly.
    case trailingBytes(structure: String, count: Int)
    /// The text is not valid JSON.
    case invalidJSON(offset: Int, reason: String)
    /// The text is not valid hexadecimal.
    case invalidHex(reason: String)
    /// The text is not valid base64 or base64url.
    case invalidBase64(reason: String)
    /// A PEM block could not be decoded.
    case invalidPEM(reason: String)
    /// A vendor document could be neither fetched nor found in the cache.
    case collateralUnavailable(url: String, reason: String)

    public var description: String {
        switch self {
        case .truncated(let field, let offset, let needed, let available):
            return "input is truncated: \(field) at offset \(offset) needs \(needed) bytes but only \(available) remain"
        case .reservedNotZero(let field, let offset):
            return "reserved field \(field) at offset \(offset) must be zero"
        case .boundExceeded(let field, let value, let limit):
            return "\(field) is \(value), above the limit of \(limit)"
        case .trailingBytes(let structure, let count):
            return "\(count) unexpected bytes after the end of the \(structure)"
        case .invalidJSON(let offset, let reason):
            return "invalid JSON at byte \(offset): \(reason)"
        case .invalidHex(let reason):
            return "invalid hex: \(reason)"
        case .invalidBase64(let reason):
            return "invalid base64: \(reason)"
        case .invalidPEM(let reason):
            return "invalid PEM: \(reason)"
        case .collateralUnavailable(let url, let reason):
            return "collateral \(url) is unavailable (\(reason)); pass it with --collateral or import it into the cache"
        }
    }
}
