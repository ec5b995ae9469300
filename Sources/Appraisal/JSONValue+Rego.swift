public import AttestationCore
public import Rego

extension Rego.Value {
    /// The Rego value of a JSON value (integers stay exact; a non-finite double, which JSON cannot carry, is null).
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .integer(let value): self = .number(Number(Int(value)))
        case .double(let value): self = Number(value).map(Value.number) ?? .null
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(Value.init))
        case .object(let members): self = .object(ObjectValue(members.mapValues(Value.init)))
        }
    }
}

extension JSONValue {
    /// The JSON value of a Rego value: sets become arrays (in Rego's order), non-string object keys their JSON
    /// text; numbers outside Int64 become doubles.
    public init(_ value: Rego.Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            if let integer = number.intValue { self = .integer(Int64(integer)) } else { self = .double(number.doubleValue) }
        case .string(let text): self = .string(text)
        case .array(let values): self = .array(values.map(JSONValue.init))
        case .set(let set): self = .array(set.elements.map(JSONValue.init))
        case .object(let object):
            var members: [String: JSONValue] = [:]
            for (key, member) in object.pairs { members[key.stringValue ?? key.jsonText] = JSONValue(member) }
            self = .object(members)
        }
    }
}
