import AttestationCore

/// A 16-byte UUID (RFC 9562) in its canonical text form, `8-4-4-4-12` lowercase hex digits.
struct UUIDText: CustomStringConvertible {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var description: String {
        let hex = Array(Hex.encode(bytes))
        var groups: [String] = []
        var start = 0
        for length in [8, 4, 4, 4, 12] where start + length <= hex.count {
            groups.append(String(hex[start..<(start + length)]))
            start += length
        }
        return groups.joined(separator: "-")
    }
}
