/// Rendering a parsed template over Rego values into bounded output.
extension GoTemplate {
    /// Renders the template with `data` as `.` and `$`; `failure` turns a template error into the built-in's error.
    func render(_ data: Value, budget: EvaluationBudget, failure: @escaping (String) -> RegoError) throws(RegoError) -> String {
        var renderer = TemplateRenderer(output: BoundedOutput(budget), budget: budget, failure: failure)
        renderer.variables.append(("$", data))
        try renderer.render(nodes, dot: data)
        return renderer.output.string
    }
}

/// The state of one rendering: the output so far and the variables in scope (innermost last).
struct TemplateRenderer {
    var output: BoundedOutput
    let budget: EvaluationBudget
    let failure: (String) -> RegoError
    /// Variables by name; nil is a missing value.
    var variables: [(String, Value?)] = []

    mutating func render(_ nodes: [GoTemplate.Node], dot: Value?) throws(RegoError) {
        let scope = variables.count
        defer { variables.removeSubrange(scope...) }
        for node in nodes {
            switch node {
            case .text(let s):
                try output.append(s)
            case .action(let pipeline):
                let value = try evaluate(pipeline, dot: dot)
                if pipeline.variables.isEmpty { try write(value) }
            case .conditional(let condition, let then, let otherwise):
                let value = try evaluate(condition, dot: dot)
                try render(TemplateRenderer.isTrue(value) ? then : otherwise, dot: dot)
            case .with(let pipeline, let body, let otherwise):
                let value = try evaluate(pipeline, dot: dot)
                if TemplateRenderer.isTrue(value) {
                    try render(body, dot: value)
                } else {
                    try render(otherwise, dot: dot)
                }
            case .range(let pipeline, let key, let value, let body, let otherwise):
                let entries = try rangeEntries(try evaluate(pipeline, dot: dot))
                if entries.isEmpty {
                    try render(otherwise, dot: dot)
                }
                for (k, v) in entries {
                    try budget.tick()
                    let mark = variables.count
                    if let key { variables.append((key, k)) }
                    if let value { variables.append((value, v)) }
                    try render(body, dot: v)
                    variables.removeSubrange(mark...)
                }
            }
        }
    }

    /// The key/value pairs `range` visits: array indexes, object keys in order, set members, `0..<n`.
    private func rangeEntries(_ value: Value?) throws(RegoError) -> [(Value, Value)] {
        switch value {
        case nil, .null?: return []
        case .array(let items)?: return items.enumerated().map { (.int($0.offset), $0.element) }
        case .set(let s)?: return s.elements.enumerated().map { (.int($0.offset), $0.element) }
        case .object(let o)?: return Array(o.pairs)
        case .number(let n)?:
            guard let count = n.intValue, count >= 0 else { throw failure("range can't iterate over \(n)") }
            try budget.reserve(members: count)
            return (0..<count).map { (.int($0), .int($0)) }
        case let other?: throw failure("range can't iterate over \(TemplateRenderer.text(other))")
        }
    }

    /// Evaluates a pipeline, declaring or assigning its variables.
    private mutating func evaluate(_ pipeline: GoTemplate.Pipeline, dot: Value?) throws(RegoError) -> Value? {
        var result: Value??
        for command in pipeline.commands {
            result = .some(try evaluate(command, dot: dot, piped: result))
        }
        let value = result ?? nil
        for name in pipeline.variables {
            variables.append((name, value))
        }
        return value
    }

    private mutating func evaluate(_ command: [GoTemplate.Argument], dot: Value?, piped: Value??) throws(RegoError) -> Value? {
        guard let first = command.first else { throw failure("empty command") }
        if case .function(let name) = first {
            var args: [Value?] = []
            for a in command.dropFirst() { args.append(try argument(a, dot: dot)) }
            if let piped { args.append(piped) }
            return try call(name, args)
        }
        guard command.count == 1, piped == nil else { throw failure("can't give argument to non-function") }
        return try argument(first, dot: dot)
    }

    private mutating func argument(_ a: GoTemplate.Argument, dot: Value?) throws(RegoError) -> Value? {
        switch a {
        case .dot(let fields): return try access(dot, fields)
        case .variable(let name, let fields):
            guard let entry = variables.last(where: { $0.0 == name }) else { throw failure("undefined variable: \(name)") }
            return try access(entry.1, fields)
        case .literal(let v): return v
        case .function(let name): return try call(name, [])
        case .nested(let pipeline, let fields): return try access(try evaluate(pipeline, dot: dot), fields)
        }
    }

    /// `.a.b` on a value: object members; a missing member is a missing value.
    private func access(_ value: Value?, _ fields: [String]) throws(RegoError) -> Value? {
        var current = value
        for field in fields {
            switch current {
            case nil: return nil
            case .object(let o)?: current = o[field]
            case let other?: throw failure("can't evaluate field \(field) in type \(other.typeName)")
            }
        }
        return current
    }

    /// Go's truth: false, 0, nil, and empty strings and collections are false.
    static func isTrue(_ value: Value?) -> Bool {
        switch value {
        case nil, .null?: false
        case .bool(let b)?: b
        case .number(let n)?: n != Number(0)
        case .string(let s)?: !s.isEmpty
        case .array(let a)?: !a.isEmpty
        case .object(let o)?: !o.isEmpty
        case .set(let s)?: !s.isEmpty
        }
    }

    private func call(_ name: String, _ args: [Value?]) throws(RegoError) -> Value? {
        func arity(_ n: Int) throws(RegoError) {
            guard args.count == n else { throw failure("wrong number of args for \(name): want \(n) got \(args.count)") }
        }
        switch name {
        case "eq":
            guard args.count >= 2 else { throw failure("missing argument for comparison") }
            return .bool(args.dropFirst().contains { $0 == args[0] })
        case "ne":
            try arity(2)
            return .bool(args[0] != args[1])
        case "lt", "le", "gt", "ge":
            try arity(2)
            let order: Int
            switch (args[0], args[1]) {
            case (.number?, .number?), (.string?, .string?):
                order = Value.compare(args[0] ?? .null, args[1] ?? .null)
            default:
                throw failure("incompatible types for comparison")
            }
            switch name {
            case "lt": return .bool(order < 0)
            case "le": return .bool(order <= 0)
            case "gt": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "and":
            guard let last = args.last else { throw failure("wrong number of args for and") }
            return args.first { !TemplateRenderer.isTrue($0) } ?? last
        case "or":
            guard let last = args.last else { throw failure("wrong number of args for or") }
            return args.first { TemplateRenderer.isTrue($0) } ?? last
        case "not":
            try arity(1)
            return .bool(!TemplateRenderer.isTrue(args[0]))
        case "len":
            try arity(1)
            switch args[0] {
            case .string(let s)?: return .int(s.utf8.count)
            case .array(let a)?: return .int(a.count)
            case .object(let o)?: return .int(o.count)
            case .set(let s)?: return .int(s.count)
            default: throw failure("len of \(args[0].map(TemplateRenderer.text) ?? "nil") is not defined")
            }
        case "index":
            guard var current = args.first else { throw failure("wrong number of args for index") }
            for key in args.dropFirst() {
                switch (current, key) {
                case (.array(let items)?, .number(let n)?):
                    guard let i = n.intValue, items.indices.contains(i) else { throw failure("index out of range: \(n)") }
                    current = items[i]
                case (.object(let o)?, let k?):
                    current = o[k]
                case (nil, _):
                    return nil
                default:
                    throw failure("can't index item of type \(current?.typeName ?? "nil")")
                }
            }
            return current
        case "printf":
            guard case .string(let format)? = args.first else { throw failure("printf needs a format string") }
            var text = BoundedOutput(budget)
            try Sprintf.format(format, args.dropFirst().map { $0 ?? .null }, into: &text)
            return .string(text.string)
        case "print", "println":
            var text = ""
            for (i, a) in args.enumerated() {
                let isString: (Value?) -> Bool = { if case .string? = $0 { true } else { false } }
                if i > 0, name == "println" || (!isString(a) && !isString(args[i - 1])) { text += " " }
                try budget.checkText(of: a ?? .null, after: text.utf8.count)
                text += a.map(TemplateRenderer.text) ?? "<nil>"
            }
            if name == "println" { text += "\n" }
            try budget.reserve(bytes: text.utf8.count)
            return .string(text)
        default:
            throw failure("function \"\(name)\" not defined")
        }
    }

    private mutating func write(_ value: Value?) throws(RegoError) {
        guard let value else {
            try output.append("<undefined>")
            return
        }
        try output.checkText(of: value)
        try output.append(TemplateRenderer.text(value))
    }

    /// A value as Go's `%v` prints OPA's Go form of it: strings bare, `<nil>`, `[a b]` for arrays and sets,
    /// `map[k:v]` for objects.
    static func text(_ value: Value) -> String {
        switch value {
        case .null: "<nil>"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.description
        case .string(let s): s
        case .array(let items): "[" + items.map(text).joined(separator: " ") + "]"
        case .set(let s): "[" + s.elements.map(text).joined(separator: " ") + "]"
        case .object(let o): "map[" + o.pairs.map { text($0.0) + ":" + text($0.1) }.joined(separator: " ") + "]"
        }
    }
}
