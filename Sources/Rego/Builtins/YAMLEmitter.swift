/// Writes Rego values as block-style YAML that ``YAMLParser`` (and any YAML reader) reads back to the same value:
/// sets as sequences, strings quoted whenever they would read as something else.
struct YAMLEmitter {
    private(set) var output: BoundedOutput

    init(_ budget: EvaluationBudget) {
        output = BoundedOutput(budget)
    }

    /// Writes `value` as a document.
    mutating func emit(_ value: Value) throws(RegoError) {
        try emit(value, indent: 0, inline: true)
    }

    private static func scalar(_ value: Value) -> String? {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.description
        case .string(let s): quoted(s)
        case .array(let a) where a.isEmpty: "[]"
        case .set(let s) where s.isEmpty: "[]"
        case .object(let o) where o.isEmpty: "{}"
        default: nil
        }
    }

    /// A string as a plain scalar when it reads back as itself, otherwise double-quoted with JSON escapes.
    private static func quoted(_ s: String) -> String {
        let plain = !s.isEmpty && YAMLParser.resolve(Substring(s)) == .string(s)
            && s.allSatisfy { $0.isLetter || $0.isNumber || "_-./ ".contains($0) }
            && s.first != " " && s.last != " " && s.first != "-"
        return plain ? s : Value.string(s).jsonText
    }

    private mutating func emit(_ value: Value, indent: Int, inline: Bool) throws(RegoError) {
        let pad = String(repeating: " ", count: indent)
        if let text = YAMLEmitter.scalar(value) {
            try output.append(text + "\n")
            return
        }
        var first = inline
        func prefix() -> String {
            defer { first = false }
            return first ? "" : pad
        }
        switch value {
        case .array, .set:
            let items = value.arrayValue ?? value.setValue?.elements ?? []
            for item in items {
                if let text = YAMLEmitter.scalar(item) {
                    try output.append(prefix() + "- " + text + "\n")
                } else {
                    try output.append(prefix() + "-\n")
                    try emit(item, indent: indent + 2, inline: false)
                }
            }
        case .object(let o):
            for (k, v) in o.pairs {
                let key = YAMLEmitter.quoted(k.stringValue ?? k.regoText)
                if let text = YAMLEmitter.scalar(v) {
                    try output.append(prefix() + key + ": " + text + "\n")
                } else {
                    try output.append(prefix() + key + ":\n")
                    try emit(v, indent: indent + 2, inline: false)
                }
            }
        default:
            break
        }
    }
}
