/// A pattern of regex.globs_match: a sequence of character sets (a literal, `.`, `[a-z0-9]`, `\` escapes), each
/// matched once or repeated with `*` or `+`. Two patterns intersect when some string matches both, decided by a
/// search over pairs of positions in the two patterns.
struct GlobPattern {
    /// A set of characters: any, or a union of closed scalar ranges.
    enum CharacterSet {
        case any
        case ranges([ClosedRange<UInt32>])

        func overlaps(_ other: CharacterSet) -> Bool {
            switch (self, other) {
            case (.any, .any): true
            case (.any, .ranges(let r)), (.ranges(let r), .any): !r.isEmpty
            case (.ranges(let a), .ranges(let b)): a.contains { x in b.contains { x.overlaps($0) } }
            }
        }
    }

    /// One position: a set matched exactly once, or any number of times (`*`; `x+` is `x x*`).
    struct Element {
        var set: CharacterSet
        var repeats: Bool
    }

    /// Why a pattern is invalid, with the 1-based position, in the words of the library OPA uses.
    struct Failure: Error {
        let message: String
    }

    let elements: [Element]

    init(parsing text: String) throws(Failure) {
        let scalars = Array(text.unicodeScalars)
        func fail(_ i: Int, _ reason: String) -> Failure {
            Failure(message: "input:\(text), pos:\(i + 1), \(reason): the input provided is invalid")
        }
        var out: [Element] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "*", "+":
                guard let last = out.last, !last.repeats else { throw fail(i, "quantifier '\(c)' with no preceding character") }
                if c == "*" {
                    out[out.count - 1].repeats = true
                } else {
                    out.append(Element(set: last.set, repeats: true))
                }
                i += 1
            case ".":
                out.append(Element(set: .any, repeats: false))
                i += 1
            case "\\":
                guard i + 1 < scalars.count else { throw fail(i, "escape character '\\' at end of input") }
                out.append(Element(set: .ranges([scalars[i + 1].value...scalars[i + 1].value]), repeats: false))
                i += 2
            case "]":
                throw fail(i, "set-close ']' with no preceding '['")
            case "[":
                var ranges: [ClosedRange<UInt32>] = []
                var j = i + 1
                var closed = false
                while j < scalars.count {
                    var lo = scalars[j]
                    if lo == "]" {
                        closed = true
                        break
                    }
                    if lo == "[" { throw fail(j, "set-open '[' inside a set") }
                    if lo == "\\" {
                        guard j + 1 < scalars.count else { throw fail(j, "escape character '\\' at end of input") }
                        j += 1
                        lo = scalars[j]
                    }
                    var hi = lo
                    if j + 2 < scalars.count, scalars[j + 1] == "-", scalars[j + 2] != "]" {
                        j += 2
                        hi = scalars[j]
                        if hi == "\\", j + 1 < scalars.count {
                            j += 1
                            hi = scalars[j]
                        }
                        guard lo.value <= hi.value else { throw fail(j, "invalid range in set") }
                    }
                    ranges.append(lo.value...hi.value)
                    j += 1
                }
                guard closed else { throw fail(i, "set-open '[' with no following ']'") }
                guard !ranges.isEmpty else { throw fail(j, "empty set") }
                out.append(Element(set: .ranges(ranges), repeats: false))
                i = j + 1
            default:
                out.append(Element(set: .ranges([c.value...c.value]), repeats: false))
                i += 1
            }
        }
        elements = out
    }

    /// Whether some string matches both patterns. Visits each pair of positions at most once; `tick` is called
    /// per pair.
    func intersects(_ other: GlobPattern, tick: () throws(RegoError) -> Void) throws(RegoError) -> Bool {
        let a = elements
        let b = other.elements
        let width = b.count + 1
        var seen = [Bool](repeating: false, count: (a.count + 1) * width)
        var stack: [(Int, Int)] = [(0, 0)]
        seen[0] = true
        func visit(_ i: Int, _ j: Int) {
            if !seen[i * width + j] {
                seen[i * width + j] = true
                stack.append((i, j))
            }
        }
        while let (i, j) = stack.popLast() {
            try tick()
            if i == a.count, j == b.count { return true }
            // A repeated element may match nothing.
            if i < a.count, a[i].repeats { visit(i + 1, j) }
            if j < b.count, b[j].repeats { visit(i, j + 1) }
            // Or both consume one character they share.
            guard i < a.count, j < b.count, a[i].set.overlaps(b[j].set) else { continue }
            let nextI = a[i].repeats ? i : i + 1
            let nextJ = b[j].repeats ? j : j + 1
            visit(nextI, nextJ)
        }
        return false
    }
}
