/// base64 and base64url decoding as Go's decoders do it: the one decoder of the built-ins (`base64.*`,
/// `base64url.*`, JWT segments, PEM bodies, X.509 inputs). Strict by default: padding required, only at the end,
/// completing the last quantum; line breaks skipped. Errors name the first offending byte as Go does.
enum Base64Text {
    /// Whether `=` padding must be present.
    enum Padding {
        /// Padding completes the last quantum (RFC 4648 §4).
        case required
        /// Missing padding is restored first (RFC 7515 Appendix C: base64url without padding).
        case optional
    }

    static func decode(_ text: some Collection<UInt8>, url: Bool, padding: Padding = .required) throws(Base64DecodingError) -> [UInt8] {
        var bytes = Array(text)
        if padding == .optional, bytes.last != UInt8(ascii: "=") {
            let symbols = bytes.count { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            switch symbols % 4 {
            case 1: throw .badLength(String(decoding: bytes.prefix(64), as: UTF8.self))
            case 2: bytes += [UInt8(ascii: "="), UInt8(ascii: "=")]
            case 3: bytes.append(UInt8(ascii: "="))
            default: break
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3)
        var quantum: [UInt8] = []
        var padded = 0
        for (offset, c) in bytes.enumerated() {
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { continue }
            if c == UInt8(ascii: "=") {
                // Padding may only complete the last quantum, after at least two symbols.
                guard quantum.count >= 2, quantum.count + padded < 4 else { throw .illegalByte(offset: offset) }
                padded += 1
                continue
            }
            guard padded == 0, let v = value(c, url: url) else { throw .illegalByte(offset: offset) }
            quantum.append(v)
            if quantum.count == 4 {
                out.append(quantum[0] << 2 | quantum[1] >> 4)
                out.append((quantum[1] & 15) << 4 | quantum[2] >> 2)
                out.append((quantum[2] & 3) << 6 | quantum[3])
                quantum.removeAll(keepingCapacity: true)
            }
        }
        switch quantum.count {
        case 0:
            break
        case 2 where quantum.count + padded == 4:
            out.append(quantum[0] << 2 | quantum[1] >> 4)
        case 3 where quantum.count + padded == 4:
            out.append(quantum[0] << 2 | quantum[1] >> 4)
            out.append((quantum[1] & 15) << 4 | quantum[2] >> 2)
        default:
            throw .illegalByte(offset: max(0, bytes.count - 1))
        }
        return out
    }

    private static func value(_ c: UInt8, url: Bool) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - 65
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - 71
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c + 4
        case UInt8(ascii: "+") where !url, UInt8(ascii: "-") where url: 62
        case UInt8(ascii: "/") where !url, UInt8(ascii: "_") where url: 63
        default: nil
        }
    }
}

/// Why base64 text could not be decoded, worded as Go's decoder words it.
enum Base64DecodingError: Error, CustomStringConvertible {
    /// The byte at `offset` is not in the alphabet, or a misplaced `=`.
    case illegalByte(offset: Int)
    /// Without padding, the length leaves a single dangling symbol.
    case badLength(String)

    var description: String {
        switch self {
        case .illegalByte(let offset): "illegal base64 data at input byte \(offset)"
        case .badLength(let s): "illegal base64url string: \(s)"
        }
    }
}
