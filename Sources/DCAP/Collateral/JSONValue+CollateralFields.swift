import AttestationCore
import Foundation

/// Typed member access for collateral documents: every missing or mistyped member names itself and its document.
extension JSONValue {
    func member(_ key: String, in source: String) throws -> JSONValue {
        guard let value = self[key] else { throw DCAPError.malformedCollateral(source: source, reason: "member '\(key)' is missing") }
        return value
    }

    func string(_ key: String, in source: String) throws -> String {
        guard let text = try member(key, in: source).stringValue else {
            throw DCAPError.malformedCollateral(source: source, reason: "member '\(key)' must be a string")
        }
        return text
    }

    func integer(_ key: String, in source: String, range: ClosedRange<Int64>) throws -> Int64 {
        guard let value = try member(key, in: source).integerValue, range.contains(value) else {
            throw DCAPError.malformedCollateral(
                source: source, reason: "member '\(key)' must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func hex(_ key: String, in source: String, length: Int) throws -> [UInt8] {
        let text = try string(key, in: source)
        guard let bytes = try? Hex.decode(text), bytes.count == length else {
            throw DCAPError.malformedCollateral(source: source, reason: "member '\(key)' must be \(length) bytes of hex, got '\(text.prefix(80))'")
        }
        return bytes
    }

    func date(_ key: String, in source: String) throws -> Date {
        let text = try string(key, in: source)
        guard let date = RFC3339.parse(text) else {
            throw DCAPError.malformedCollateral(source: source, reason: "member '\(key)' must be an RFC 3339 date, got '\(text.prefix(40))'")
        }
        return date
    }

    func array(_ key: String, in source: String, limit: Int) throws -> [JSONValue] {
        guard let elements = try member(key, in: source).arrayValue else {
            throw DCAPError.malformedCollateral(source: source, reason: "member '\(key)' must be an array")
        }
        _ = try ByteReader.bounded(elements.count, limit: limit, field: "\(source) \(key) count")
        return elements
    }

    func stringArray(_ key: String, in source: String, limit: Int) throws -> [String] {
        guard self[key] != nil else { return [] }
        return try array(key, in: source, limit: limit).map {
            guard let text = $0.stringValue else {
                throw DCAPError.malformedCollateral(source: source, reason: "member '\(key)' must hold strings")
            }
            return text
        }
    }
}
