/// One `-----BEGIN TYPE-----` … `-----END TYPE-----` block of RFC 7468 text, read as leniently as Go's `pem.Decode`:
/// any line length, header lines (`Name: value`) skipped, whitespace ignored.
struct PEMBlock: Sendable, Hashable {
    /// The most blocks read from one string (certificate chains, bundles).
    static let maxBlocks = 64
    /// The most malformed `BEGIN` lines skipped while looking for one block.
    static let maxMalformedBlocks = 8

    /// The label, e.g. `CERTIFICATE`.
    let type: String
    /// The decoded body.
    let bytes: [UInt8]

    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)

    /// The first well-formed block in `text` and the text after it, or nil when there is none.
    static func first(in text: some Collection<UInt8>) -> (block: PEMBlock, rest: ArraySlice<UInt8>)? {
        var remaining = ArraySlice(text)
        // Each failed candidate costs a scan of the rest: their number is bounded, so garbage full of BEGIN lines
        // cannot make this quadratic.
        var failures = 0
        while let start = remaining.firstRange(of: begin) {
            guard failures < maxMalformedBlocks else { return nil }
            failures += 1
            let afterBegin = remaining[start.upperBound...]
            guard let typeEnd = afterBegin.firstRange(of: dashes) else { return nil }
            let type = String(decoding: afterBegin[..<typeEnd.lowerBound], as: UTF8.self)
            let body = afterBegin[typeEnd.upperBound...]
            let end = Array("-----END \(type)-----".utf8)
            guard !type.contains("\n"), let endRange = body.firstRange(of: end) else {
                remaining = afterBegin
                continue
            }
            var rest = body[endRange.upperBound...]
            if rest.first == UInt8(ascii: "\r") { rest = rest.dropFirst() }
            if rest.first == UInt8(ascii: "\n") { rest = rest.dropFirst() }
            guard let bytes = decodeBody(body[..<endRange.lowerBound]) else {
                remaining = rest
                continue
            }
            return (PEMBlock(type: type, bytes: bytes), rest)
        }
        return nil
    }

    /// Every well-formed block in `text`, in order; nil when there are more than `maxBlocks`.
    static func all(in text: some Collection<UInt8>) -> [PEMBlock]? {
        var blocks: [PEMBlock] = []
        var remaining = ArraySlice(text)
        while let (block, rest) = first(in: remaining) {
            guard blocks.count < maxBlocks else { return nil }
            blocks.append(block)
            remaining = rest
        }
        return blocks
    }

    /// The base64 body without header lines; nil when it is not base64.
    private static func decodeBody(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        var symbols: [UInt8] = []
        symbols.reserveCapacity(body.count)
        for line in body.split(omittingEmptySubsequences: true, whereSeparator: { $0 == UInt8(ascii: "\n") }) {
            if line.contains(UInt8(ascii: ":")) { continue }
            symbols += line.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }
        }
        return BuiltinRegistry.base64Decode(String(decoding: symbols, as: UTF8.self), url: false, lenient: false)
    }
}
