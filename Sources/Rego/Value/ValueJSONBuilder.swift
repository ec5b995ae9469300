import Interchange

/// Rego values from the JSON reader: numbers exact, a repeated member name keeps its last value (as OPA does).
struct ValueJSONBuilder: JSONTreeBuilder {
    var allowsDuplicateMembers: Bool { true }

    func makeNull() -> Value { .null }
    func makeBool(_ value: Bool) -> Value { .bool(value) }
    func makeString(_ value: String) -> Value { .string(value) }
    func makeNumber(_ text: String, isInteger: Bool) -> Value? { Number(parsing: text).map(Value.number) }
    func makeArray(_ elements: [Value]) -> Value { .array(elements) }

    func makeObject(_ members: [(name: String, value: Value)]) -> Value {
        members.isEmpty ? .emptyObject : .object(ObjectValue(members.lazy.map { (Value.string($0.name), $0.value) }))
    }
}
