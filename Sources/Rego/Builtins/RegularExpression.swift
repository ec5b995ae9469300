import CRE2

/// A regular expression in Go's syntax, compiled by RE2: matching takes time linear in the text whatever the pattern
/// (RE2 never backtracks), on UTF-8 bytes, with Go's leftmost-first semantics.
///
/// `@unchecked Sendable`: an RE2 expression is immutable once compiled and safe to match from many threads at once;
/// the handle is freed only by `deinit`.
final class RegularExpression: @unchecked Sendable {
    /// A pattern that does not compile, in Go's words (`error parsing regexp: missing closing ): ...`).
    struct SyntaxError: Error {
        let message: String
    }

    /// What RE2 may use for one expression's program and DFA caches.
    static let maxMemory: Int64 = 4 << 20

    private let handle: OpaquePointer
    /// The number of capturing groups.
    let groupCount: Int
    /// Group names by index (nil for the whole match and for unnamed groups).
    let groupNames: [String?]

    /// Compiles a Go regular expression.
    init(_ pattern: String) throws(SyntaxError) {
        let source = try GoRegexSyntax.translate(pattern)
        var error = [CChar](repeating: 0, count: 512)
        let compiled = source.withCString { text in
            error.withUnsafeMutableBufferPointer { buffer in
                cre2_compile(text, source.utf8.count, Self.maxMemory, buffer.baseAddress, buffer.count)
            }
        }
        guard let compiled else {
            throw SyntaxError(message: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        handle = compiled
        groupCount = Int(cre2_group_count(compiled))
        groupNames = (0...groupCount).map { index in
            var length = 0
            guard let name = cre2_group_name(compiled, Int32(index), &length) else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: name, count: length), as: UTF8.self)
        }
    }

    deinit { cre2_free(handle) }

    /// Whether `text` has a match.
    func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var none: [Int64] = []
            return find(in: bytes, from: 0, into: &none)
        }
    }

    /// Finds the leftmost-first match starting at or after byte `start`, writing the byte offsets of the match and
    /// of as many groups as `offsets` has room for ([start, end) pairs, -1 for a group that did not participate).
    func find(in text: UnsafeBufferPointer<UInt8>, from start: Int, into offsets: inout [Int64]) -> Bool {
        let base = text.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        let count = Int32(clamping: offsets.count)
        return offsets.withUnsafeMutableBufferPointer { out in
            cre2_find(handle, base, text.count, start, out.baseAddress, count) == 1
        }
    }

    /// Go's `allMatches`: calls `body` with the offsets of up to `limit` successive matches (all when negative) and
    /// their groups. An empty match right after the previous match is skipped, and the search moves one character
    /// past an empty match.
    func forEachMatch(
        in text: UnsafeBufferPointer<UInt8>, limit: Int, _ body: ([Int64]) throws(RegoError) -> Void
    ) throws(RegoError) {
        let end = text.count
        let wanted = limit < 0 ? end + 1 : limit
        var offsets = [Int64](repeating: -1, count: 2 * (groupCount + 1))
        var position = 0
        var delivered = 0
        var previousEnd = -1
        while delivered < wanted, position <= end, find(in: text, from: position, into: &offsets) {
            let (matchStart, matchEnd) = (Int(offsets[0]), Int(offsets[1]))
            var accept = true
            if matchEnd == position {
                if matchStart == previousEnd { accept = false }
                position += max(Self.characterWidth(text, at: position), 1)
            } else {
                position = matchEnd
            }
            previousEnd = matchEnd
            if accept {
                try body(offsets)
                delivered += 1
            }
        }
    }

    /// Go's `ReplaceAllString`: every match replaced by `template` expanded (`$1`, `${name}`, `$$`), except an empty
    /// match right after a previous match.
    func replaceAll(in text: UnsafeBufferPointer<UInt8>, with template: ReplacementTemplate, into out: inout BoundedOutput)
        throws(RegoError)
    {
        var offsets = [Int64](repeating: -1, count: 2 * (groupCount + 1))
        var lastMatchEnd = 0
        var position = 0
        while position <= text.count, find(in: text, from: position, into: &offsets) {
            let (matchStart, matchEnd) = (Int(offsets[0]), Int(offsets[1]))
            try out.append(text[lastMatchEnd..<matchStart])
            if matchEnd > lastMatchEnd || matchStart == 0 {
                try template.expand(offsets, in: text, groupNames: groupNames, into: &out)
            }
            lastMatchEnd = matchEnd
            let width = Self.characterWidth(text, at: position)
            if position + width > matchEnd {
                position += width
            } else if position + 1 > matchEnd {
                position += 1
            } else {
                position = matchEnd
            }
        }
        try out.append(text[lastMatchEnd...])
    }

    /// The byte length of the UTF-8 character at `index` (0 at the end), as Go's `utf8.DecodeRune` reports it for
    /// valid text.
    static func characterWidth(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard index < text.count else { return 0 }
        let lead = text[index]
        let width = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return min(width, text.count - index)
    }

    /// The text of the byte range at `offsets[2 * group]`, "" for a group that did not participate.
    static func text(_ text: UnsafeBufferPointer<UInt8>, _ offsets: [Int64], group: Int) -> String {
        let (start, end) = (Int(offsets[2 * group]), Int(offsets[2 * group + 1]))
        guard start >= 0, end >= start else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
    }
}
