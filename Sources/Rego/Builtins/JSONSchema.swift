/// A JSON Schema (drafts 4–7, the keywords policies use) checked for well-formedness and applied to documents, with
/// errors worded as the gojsonschema library OPA uses words them: `field`, `type`, `desc` and `error` (`field: desc`).
///
/// Supported: `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`, `patternProperties`,
/// `minProperties`/`maxProperties`, `items` (one schema or a tuple) with `additionalItems`, `minItems`/`maxItems`,
/// `uniqueItems`, `contains`, `minLength`/`maxLength`, `pattern`, `minimum`/`maximum` and their exclusive forms,
/// `multipleOf`, `allOf`/`anyOf`/`oneOf`/`not`, `if`/`then`/`else`, and local `$ref`s (`#`, `#/definitions/x`).
struct JSONSchema {
    /// How many schemas deep validation may descend (through nesting and `$ref`s) before it gives up.
    static let maxDepth = 128

    static let primitiveTypes = ["array", "boolean", "integer", "number", "null", "object", "string"]

    /// A schema that is not well formed, in gojsonschema's words.
    struct Failure: Error {
        let message: String
    }

    /// One way a document fails the schema.
    struct Violation {
        let field: String
        let type: String
        let description: String

        var value: Value {
            .object(ObjectValue([
                "field": .string(field), "type": .string(type), "desc": .string(description),
                "error": .string("\(field): \(description)"),
            ]))
        }
    }

    let root: Value

    /// Checks that `schema` is well formed.
    init(_ schema: Value) throws(Failure) {
        root = schema
        try JSONSchema.check(schema, depth: 0)
    }

    private static func check(_ schema: Value, depth: Int) throws(Failure) {
        guard depth <= maxDepth else { throw Failure(message: "schema nests deeper than \(maxDepth)") }
        switch schema {
        case .bool: return
        case .object(let o):
            if let type = o["type"] {
                let names: [Value]
                switch type {
                case .string: names = [type]
                case .array(let items): names = items
                default: throw Failure(message: "Invalid type. Expected: string/array of strings, given: type")
                }
                for name in names {
                    guard case .string(let s) = name, primitiveTypes.contains(s) else {
                        let given = name.stringValue ?? name.regoText
                        throw Failure(message: "has a primitive type that is NOT VALID -- given: /\(given)/ Expected valid values are:[\(primitiveTypes.joined(separator: " "))]")
                    }
                }
            }
            for key in ["properties", "patternProperties", "definitions", "$defs"] {
                if case .object(let members)? = o[key] {
                    for (_, sub) in members.pairs { try check(sub, depth: depth + 1) }
                }
            }
            for key in ["additionalProperties", "additionalItems", "not", "contains", "if", "then", "else"] {
                if let sub = o[key] { try check(sub, depth: depth + 1) }
            }
            for key in ["allOf", "anyOf", "oneOf"] {
                if case .array(let subs)? = o[key] {
                    for sub in subs { try check(sub, depth: depth + 1) }
                }
            }
            switch o["items"] {
            case .array(let subs)?: for sub in subs { try check(sub, depth: depth + 1) }
            case let sub?: try check(sub, depth: depth + 1)
            case nil: break
            }
            if case .string(let pattern)? = o["pattern"], (try? RegexCache.expression(pattern)) == nil {
                throw Failure(message: "Invalid regex pattern '\(pattern)'")
            }
        default:
            throw Failure(message: "Invalid type. Expected: object, given: \(jsonType(schema))")
        }
    }

    /// gojsonschema's name for a value's type.
    static func jsonType(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.isInteger ? "integer" : "number"
        case .string: "string"
        case .array, .set: "array"
        case .object: "object"
        }
    }

    /// Every violation of the schema by `document`; `tick` counts work.
    func validate(_ document: Value, tick: () throws(RegoError) -> Void) throws(RegoError) -> [Violation] {
        var out: [Violation] = []
        try validate(document, against: root, field: "(root)", depth: 0, into: &out, tick: tick)
        return out
    }

    private func resolve(_ reference: String) -> Value? {
        guard reference.hasPrefix("#") else { return nil }
        var current = root
        for segment in reference.dropFirst().split(separator: "/") {
            let key = String(segment).replacingAll("~1", with: "/").replacingAll("~0", with: "~")
            switch current {
            case .object(let o): guard let next = o[key] else { return nil }; current = next
            case .array(let items): guard let i = Int(key), items.indices.contains(i) else { return nil }; current = items[i]
            default: return nil
            }
        }
        return current
    }

    private static func child(_ field: String, _ key: String) -> String {
        field == "(root)" ? key : field + "." + key
    }

    private static func number(_ v: Value?) -> Number? { v?.numberValue }

    private func validate(
        _ doc: Value, against schema: Value, field: String, depth: Int, into out: inout [Violation],
        tick: () throws(RegoError) -> Void
    ) throws(RegoError) {
        try tick()
        guard depth <= JSONSchema.maxDepth else {
            throw .limitExceeded(limit: "JSONSchema.maxDepth", bound: JSONSchema.maxDepth)
        }
        func fail(_ type: String, _ description: String, at f: String? = nil) {
            out.append(Violation(field: f ?? field, type: type, description: description))
        }
        func sub(_ d: Value, _ s: Value, _ f: String) throws(RegoError) -> [Violation] {
            var inner: [Violation] = []
            try validate(d, against: s, field: f, depth: depth + 1, into: &inner, tick: tick)
            return inner
        }
        guard case .object(let s) = schema else {
            if schema == .bool(false) { fail("false", "False always fails validation") }
            return
        }
        if case .string(let reference)? = s["$ref"] {
            guard let target = resolve(reference) else {
                throw .builtin(name: "json.match_schema", message: "unresolvable $ref \(reference)", location: nil)
            }
            out += try sub(doc, target, field)
            return
        }
        let given = JSONSchema.jsonType(doc)
        if let type = s["type"] {
            let allowed: [String] = (type.arrayValue ?? [type]).compactMap(\.stringValue)
            let matches = allowed.contains(given) || (given == "integer" && allowed.contains("number"))
            if !matches {
                fail("invalid_type", "Invalid type. Expected: \(allowed.joined(separator: ", ")), given: \(given)")
                return
            }
        }
        if case .array(let options)? = s["enum"], !options.contains(doc) {
            let listed = options.map { $0.jsonText }.joined(separator: ",")
            fail("enum", "\(field) must be one of the following: \(listed)")
        }
        if let constant = s["const"], constant != doc {
            fail("const", "\(field) does not match: \(constant.jsonText)")
        }
        switch doc {
        case .object(let o):
            if case .array(let required)? = s["required"] {
                for case .string(let name) in required where o[name] == nil {
                    fail("required", "\(name) is required")
                }
            }
            if let n = JSONSchema.number(s["minProperties"])?.intValue, o.count < n {
                fail("array_min_properties", "Must have at least \(n) properties")
            }
            if let n = JSONSchema.number(s["maxProperties"])?.intValue, o.count > n {
                fail("array_max_properties", "Must have at most \(n) properties")
            }
            let properties = s["properties"]?.objectValue ?? ObjectValue()
            let patterns = s["patternProperties"]?.objectValue ?? ObjectValue()
            for (k, v) in o.pairs {
                let name = k.stringValue ?? k.regoText
                let f = JSONSchema.child(field, name)
                var covered = false
                if let p = properties[k] {
                    covered = true
                    out += try sub(v, p, f)
                }
                for (pattern, p) in patterns.pairs {
                    guard case .string(let text) = pattern, let re = try? RegexCache.expression(text), re.matches(name) else { continue }
                    covered = true
                    out += try sub(v, p, f)
                }
                if !covered, let additional = s["additionalProperties"] {
                    if additional == .bool(false) {
                        fail("additional_property_not_allowed", "Additional property \(name) is not allowed")
                    } else {
                        out += try sub(v, additional, f)
                    }
                }
            }
        case .array, .set:
            let items = doc.arrayValue ?? doc.setValue?.elements ?? []
            if let n = JSONSchema.number(s["minItems"])?.intValue, items.count < n {
                fail("array_min_items", "Array must have at least \(n) items")
            }
            if let n = JSONSchema.number(s["maxItems"])?.intValue, items.count > n {
                fail("array_max_items", "Array must have at most \(n) items")
            }
            if s["uniqueItems"] == .bool(true), Set(items).count != items.count {
                fail("unique", "array items must be unique")
            }
            switch s["items"] {
            case .array(let tuple)?:
                for (i, item) in items.enumerated() {
                    let f = JSONSchema.child(field, String(i))
                    if i < tuple.count {
                        out += try sub(item, tuple[i], f)
                    } else if let extra = s["additionalItems"] {
                        if extra == .bool(false) {
                            fail("array_no_additional_items", "No additional items allowed on array")
                            break
                        }
                        out += try sub(item, extra, f)
                    }
                }
            case let each?:
                for (i, item) in items.enumerated() { out += try sub(item, each, JSONSchema.child(field, String(i))) }
            case nil:
                break
            }
            if let contains = s["contains"] {
                var found = false
                for item in items where try sub(item, contains, field).isEmpty {
                    found = true
                    break
                }
                if !found { fail("contains", "At least one of the items must match") }
            }
        case .string(let text):
            let length = text.unicodeScalars.count
            if let n = JSONSchema.number(s["minLength"])?.intValue, length < n {
                fail("string_gte", "String length must be greater than or equal to \(n)")
            }
            if let n = JSONSchema.number(s["maxLength"])?.intValue, length > n {
                fail("string_lte", "String length must be less than or equal to \(n)")
            }
            if case .string(let pattern)? = s["pattern"], let re = try? RegexCache.expression(pattern), !re.matches(text) {
                fail("pattern", "Does not match pattern '\(pattern)'")
            }
        case .number(let n):
            let exclusiveMinimum = s["exclusiveMinimum"]
            let exclusiveMaximum = s["exclusiveMaximum"]
            if let min = JSONSchema.number(s["minimum"]) {
                if exclusiveMinimum == .bool(true), n <= min {
                    fail("number_gt", "Must be greater than \(min)")
                } else if n < min {
                    fail("number_gte", "Must be greater than or equal to \(min)")
                }
            }
            if let min = JSONSchema.number(exclusiveMinimum), n <= min { fail("number_gt", "Must be greater than \(min)") }
            if let max = JSONSchema.number(s["maximum"]) {
                if exclusiveMaximum == .bool(true), n >= max {
                    fail("number_lt", "Must be less than \(max)")
                } else if n > max {
                    fail("number_lte", "Must be less than or equal to \(max)")
                }
            }
            if let max = JSONSchema.number(exclusiveMaximum), n >= max { fail("number_lt", "Must be less than \(max)") }
            if let divisor = JSONSchema.number(s["multipleOf"]), divisor != Number(0),
                let quotient = try? Number.divide(n, divisor), !quotient.isInteger
            {
                fail("multiple_of", "Must be a multiple of \(divisor)")
            }
        default:
            break
        }
        if case .array(let all)? = s["allOf"] {
            for schema in all {
                let inner = try sub(doc, schema, field)
                out += inner
                if !inner.isEmpty { fail("number_all_of", "Must validate all the schemas (allOf)") }
            }
        }
        if case .array(let any)? = s["anyOf"] {
            var matched = false
            for schema in any where try sub(doc, schema, field).isEmpty {
                matched = true
                break
            }
            if !matched { fail("number_any_of", "Must validate at least one schema (anyOf)") }
        }
        if case .array(let one)? = s["oneOf"] {
            var matches = 0
            for schema in one where try sub(doc, schema, field).isEmpty { matches += 1 }
            if matches == 0 { fail("number_one_of", "Must validate one and only one schema (oneOf)") }
            if matches > 1 { fail("number_one_of", "Must validate one and only one schema (oneOf)") }
        }
        if let not = s["not"], try sub(doc, not, field).isEmpty {
            fail("number_not", "Must not validate the schema (not)")
        }
        if let condition = s["if"] {
            if try sub(doc, condition, field).isEmpty {
                if let then = s["then"] { out += try sub(doc, then, field) }
            } else if let otherwise = s["else"] {
                out += try sub(doc, otherwise, field)
            }
        }
    }
}
