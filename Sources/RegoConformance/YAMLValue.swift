import Rego
import Yams

/// Converts YAML nodes to Rego values, keeping number text exact (never through `Double`).
enum YAMLValue {
    static func value(_ node: Node) throws -> Value {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            return .array(try sequence.map(value))
        case .mapping(let mapping):
            var pairs: [(Value, Value)] = []
            for (k, v) in mapping {
                let key: Value
                if case .scalar(let s) = k { key = .string(s.string) } else { key = try value(k) }
                pairs.append((key, try value(v)))
            }
            return .object(ObjectValue(pairs))
        case .alias:
            throw ConformanceError.unsupported("YAML aliases")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar) -> Value {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "null", "Null", "NULL", "~", "": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let first = text.unicodeScalars.first, first == "-" || first == "+" || first == "." || ("0"..."9").contains(first),
            let n = Number(text)
        {
            return .number(n)
        }
        return .string(text)
    }
}
