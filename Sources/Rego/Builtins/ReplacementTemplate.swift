/// The replacement of Go's `Regexp.ReplaceAllString`, parsed once: `$1` and `${1}` name groups by number, `$name`
/// and `${name}` by name (the longest run of letters, digits and `_`), `$$` is a dollar sign, and a `$` that
/// starts none of these is literal. A group that does not exist or did not participate expands to nothing.
struct ReplacementTemplate {
    enum Piece {
        case literal([UInt8])
        case number(Int)
        case name(String)
    }

    let pieces: [Piece]

    init(_ template: String) {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            literal += rest[..<dollar].utf8
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                literal.append(UInt8(ascii: "$"))
                rest = rest.dropFirst()
                continue
            }
            guard let (name, after) = Self.extract(rest) else {
                literal.append(UInt8(ascii: "$"))
                continue
            }
            rest = after
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = []
            pieces.append(Self.number(name).map(Piece.number) ?? .name(name))
        }
        literal += rest.utf8
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// Go's `extract`: a name, bare or in braces, and the text after it.
    private static func extract(_ text: Substring) -> (String, Substring)? {
        var rest = text
        let braced = rest.first == "{"
        if braced { rest = rest.dropFirst() }
        let name = rest.prefix { c in
            c.unicodeScalars.allSatisfy { s in
                s == "_" || s.properties.numericType == .decimal || isLetter(s)
            }
        }
        guard !name.isEmpty else { return nil }
        rest = rest[name.endIndex...]
        if braced {
            guard rest.first == "}" else { return nil }
            rest = rest.dropFirst()
        }
        return (String(name), rest)
    }

    /// Go's `unicode.IsLetter`: one of the letter categories.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// A group number: ASCII digits below 10^8 without a leading zero.
    private static func number(_ name: String) -> Int? {
        guard name.utf8.count <= 8, name.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            name == "0" || !name.hasPrefix("0")
        else { return nil }
        return Int(name)
    }

    /// Appends the expansion for one match.
    func expand(_ offsets: [Int64], in text: UnsafeBufferPointer<UInt8>, groupNames: [String?], into out: inout BoundedOutput)
        throws(RegoError)
    {
        for piece in pieces {
            let group: Int?
            switch piece {
            case .literal(let bytes):
                try out.append(bytes)
                continue
            case .number(let n):
                group = n
            case .name(let name):
                group = groupNames.firstIndex { $0 == name }
            }
            guard let group, 2 * group + 1 < offsets.count else { continue }
            let (start, end) = (Int(offsets[2 * group]), Int(offsets[2 * group + 1]))
            if start >= 0, end >= start { try out.append(text[start..<end]) }
        }
    }
}
