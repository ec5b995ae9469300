/// A Rego value: the JSON data model extended with sets and non-string object keys.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Number)
    case string(String)
    case array([Value])
    case object(ObjectValue)
    case set(SetValue)

    /// The empty object.
    public static let emptyObject = Value.object(ObjectValue())

    /// Creates an integer value.
    public static func int(_ value: Int) -> Value { .number(Number(value)) }

    /// OPA's name of this value's type, as `type_name` reports it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        case .set: "set"
        }
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number payload, if this is a number.
    public var numberValue: Number? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The value as a Swift `Int`, if it is an integral number in range.
    public var intValue: Int? { numberValue?.intValue }

    /// The array payload, if this is an array.
    public var arrayValue: [Value]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object payload, if this is an object.
    public var objectValue: ObjectValue? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The set payload, if this is a set.
    public var setValue: SetValue? {
        if case .set(let s) = self { return s }
        return nil
    }

    /// Whether this value counts as true in a rule body: everything but `false`.
    var isTruthy: Bool {
        if case .bool(false) = self { return false }
        return true
    }

    /// Looks up a key in an object, an index in an array or a member in a set.
    func member(_ key: Value) -> Value? {
        switch self {
        case .object(let o):
            return o[key]
        case .array(let a):
            guard let i = key.intValue, i >= 0, i < a.count else { return nil }
            return a[i]
        case .set(let s):
            return s.contains(key) ? key : nil
        default:
            return nil
        }
    }
}
