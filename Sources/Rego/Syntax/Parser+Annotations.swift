/// `# METADATA` comment blocks: YAML annotations on the package or rule directly below them.
extension Parser {
    /// How deeply an annotation's YAML may nest.
    static let maxAnnotationDepth = 32

    /// The annotations of the comment block that ends on the line above `line`, if it is a `# METADATA` block;
    /// `scope` applies unless the block names its own.
    mutating func annotations(before line: Int, scope: String) throws(RegoError) -> Value? {
        var first = line - 1
        while comments[first] != nil { first -= 1 }
        first += 1
        guard first < line,
            let marker = (first..<line).last(where: { comments[$0]?.trimmingSpaces == "METADATA" })
        else { return nil }
        var text = ""
        for l in (marker + 1)..<line {
            var content = Substring(comments[l] ?? "")
            if content.first == " " { content = content.dropFirst() }
            text += content + "\n"
        }
        var reader = YAMLParser(text, maxDepth: Parser.maxAnnotationDepth)
        let parsed: Value
        do throws(YAMLParser.Failure) {
            parsed = try reader.parse()
        } catch {
            throw .parse(message: "invalid METADATA block: \(error.message)", location: SourceLocation(file: file, line: marker, column: 1))
        }
        var object: ObjectValue
        switch parsed {
        case .null: object = ObjectValue()
        case .object(let o): object = o
        default:
            throw .parse(message: "invalid METADATA block: expected a YAML mapping", location: SourceLocation(file: file, line: marker, column: 1))
        }
        if case .array(let authors)? = object["authors"] {
            object.set(.string("authors"), .array(authors.map(Parser.author)))
        } else if case .string? = object["authors"], let author = object["authors"] {
            object.set(.string("authors"), .array([Parser.author(author)]))
        }
        if case .array(let resources)? = object["related_resources"] {
            object.set(.string("related_resources"), .array(resources.map { r in
                if case .string(let ref) = r { return .object(ObjectValue(["ref": .string(ref)])) }
                return r
            }))
        }
        if object["scope"] == nil { object.set(.string("scope"), .string(scope)) }
        return .object(object)
    }

    /// An author as OPA reports it: `Name <email>` becomes `{"name": …, "email": …}`.
    private static func author(_ value: Value) -> Value {
        guard case .string(let s) = value else { return value }
        var name = Substring(s).trimmingSpaces
        var fields: [String: Value] = [:]
        if name.hasSuffix(">"), let open = name.lastIndex(of: "<") {
            fields["email"] = .string(String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
            name = name[..<open].trimmingSpaces
        }
        if !name.isEmpty { fields["name"] = .string(String(name)) }
        return .object(ObjectValue(fields))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: Substring {
        let s = Substring(self).drop { $0 == " " || $0 == "\t" }
        return s.trimmingTrailingSpaces()
    }
}
