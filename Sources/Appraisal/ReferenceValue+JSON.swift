public import AttestationCore
import Foundation

extension ReferenceValue {
    /// Reads one entry of a reference-value document; `location` names it in errors.
    public init(json entry: JSONValue, location: String) throws {
        func invalid(_ reason: String) -> AppraisalError {
            .invalidReferenceValues(location: location, reason: reason)
        }
        guard let members = entry.objectValue else { throw invalid("entry must be an object") }
        let known: Set<String> = ["tee", "claim", "values", "minimum", "provenance", "expires", "component"]
        if let unknown = members.keys.filter({ !known.contains($0) }).sorted().first {
            throw invalid("unknown member \"\(unknown)\" (allowed: \(known.sorted().joined(separator: ", ")))")
        }
        guard let tee = members["tee"]?.stringValue, !tee.isEmpty else { throw invalid("\"tee\" must be a string") }
        guard let claim = members["claim"]?.stringValue, !claim.isEmpty else {
            throw invalid("\"claim\" must be a dotted claim path such as \"measurement\"")
        }
        var values = Set<String>()
        if let list = members["values"] {
            guard let array = list.arrayValue, !array.isEmpty else { throw invalid("\"values\" must be a non-empty array") }
            for value in array {
                guard value != .null, let text = ReferenceValue.canonical(value) else {
                    throw invalid("\"values\" may hold strings, numbers and booleans only")
                }
                values.insert(text)
            }
        }
        var minimum: Int64?
        if let value = members["minimum"] {
            guard let integer = value.integerValue, abs(integer) <= ReferenceValue.maxMinimumMagnitude else {
                throw invalid("\"minimum\" must be an integer in -(2^53-1)...2^53-1")
            }
            minimum = integer
        }
        guard !values.isEmpty || minimum != nil else { throw invalid("give \"values\" or \"minimum\"") }
        var expires: Date?
        if let value = members["expires"] {
            guard let text = value.stringValue, let date = RFC3339.parse(text) else {
                throw invalid("\"expires\" must be an RFC 3339 timestamp")
            }
            expires = date
        }
        var component = TrustComponent.executables
        if let value = members["component"] {
            guard let name = value.stringValue, let parsed = TrustComponent(name: name) else {
                throw invalid("\"component\" must be one of \(TrustComponent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            component = parsed
        }
        var provenance = "unspecified"
        if let value = members["provenance"] {
            guard let text = value.stringValue else { throw invalid("\"provenance\" must be a string") }
            provenance = text
        }
        self.init(
            tee: TEEKind(rawValue: tee), claim: claim, values: values, minimum: minimum, provenance: provenance,
            expires: expires, component: component)
    }
}

