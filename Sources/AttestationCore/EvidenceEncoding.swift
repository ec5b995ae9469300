/// How an evidence file was written: raw binary, hex text or base64 text.
public enum EvidenceEncoding: String, Sendable, CaseIterable {
    case raw
    case hex
    case base64

    /// Detects the encoding of file contents and decodes them.
    ///
    /// Text made only of hex digits (after trimming whitespace, optional `0x`) is hex; text made only of the base64
    /// or base64url alphabet is base64; anything else is raw binary. Hex is tried first because every hex string is
    /// also valid base64 text.
    public static func decode(_ contents: [UInt8]) -> (encoding: EvidenceEncoding, bytes: [UInt8]) {
        let trimmed = contents.filter { !isWhitespace($0) }
        guard !trimmed.isEmpty, trimmed.count * 2 >= contents.count else { return (.raw, contents) }
        let text = String(decoding: trimmed, as: UTF8.self)
        if trimmed.count.isMultiple(of: 2), trimmed.allSatisfy({ Hex.nibble($0) != nil }),
            let bytes = try? Hex.decode(text)
        {
            return (.hex, bytes)
        }
        if trimmed.count > 2, trimmed[0] == UInt8(ascii: "0"), trimmed[1] | 0x20 == UInt8(ascii: "x"),
            let bytes = try? Hex.decode(text)
        {
            return (.hex, bytes)
        }
        if trimmed.allSatisfy(isBase64Character), let bytes = try? Base64.decode(text) {
            return (.base64, bytes)
        }
        return (.raw, contents)
    }

    /// Encodes bytes for writing to a file.
    public func encode(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .raw: return bytes
        case .hex: return Array((Hex.encode(bytes) + "\n").utf8)
        case .base64: return Array((Base64.encode(bytes) + "\n").utf8)
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    static func isBase64Character(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"),
            UInt8(ascii: "_"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
