/// A readable description of parsed evidence: titled sections of named fields.
public struct Inspection: Sendable, Hashable {
    /// A named value.
    public struct Field: Sendable, Hashable {
        public let name: String
        public let value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A group of fields under a title.
    public struct Section: Sendable, Hashable {
        public let title: String
        public var fields: [Field]
        public init(_ title: String, _ fields: [Field] = []) {
            self.title = title
            self.fields = fields
        }
    }

    /// What was inspected, e.g. "AMD SEV-SNP attestation report v3".
    public let title: String
    /// The sections in display order.
    public var sections: [Section]

    public init(title: String, sections: [Section] = []) {
        self.title = title
        self.sections = sections
    }

    /// Aligned plain text.
    public var text: String {
        var lines = [title]
        for section in sections {
            lines.append("")
            lines.append("\(section.title):")
            let width = section.fields.map(\.name.count).max() ?? 0
            for field in section.fields {
                let padding = String(repeating: " ", count: width - field.name.count)
                lines.append("  \(field.name)\(padding)  \(field.value)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// JSON: `{"title", "sections": [{"title", "fields": {name: value}}]}`.
    public var json: JSONValue {
        .object([
            "title": .string(title),
            "sections": .array(
                sections.map { section in
                    .object([
                        "title": .string(section.title),
                        "fields": .object(
                            Dictionary(section.fields.map { ($0.name, .string($0.value)) }, uniquingKeysWith: { a, _ in a })
                        ),
                    ])
                }
            ),
        ])
    }
}
