/// A GUID in its little-endian byte form (as EFI tables store it), written from and printed as the usual text form.
struct GUID: Hashable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    init(bytes: ArraySlice<UInt8>) { self.bytes = Array(bytes) }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: the first three groups little-endian, the rest as written.
    init(_ text: String) {
        let hex = text.filter { $0 != "-" }
        var raw: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            raw.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        bytes = Array(raw[0..<4].reversed()) + Array(raw[4..<6].reversed()) + Array(raw[6..<8].reversed()) + Array(raw[8...])
    }

    var description: String {
        let raw = Array(bytes[0..<4].reversed()) + Array(bytes[4..<6].reversed()) + Array(bytes[6..<8].reversed()) + Array(bytes[8...])
        let hex = raw.map { String($0, radix: 16).leftPadded(2) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
