public import AttestationCore
public import Foundation

/// The reference values an appraisal matches claims against, loaded from a JSON document.
///
/// Document: `{"reference_values": [ReferenceValue, …]}` (see ``ReferenceValue`` for an entry's members).
public struct ReferenceValueSet: Sendable, Hashable {
    /// Most entries accepted in one document.
    public static let maxEntries = 100_000

    /// All entries.
    public var entries: [ReferenceValue]

    public init(_ entries: [ReferenceValue] = []) { self.entries = entries }

    /// Parses a reference-value document.
    public init(json bytes: [UInt8]) throws {
        let document: JSONValue
        do { document = try JSONValue(parsing: bytes) } catch let error as AttestationCoreError {
            throw AppraisalError.malformedDocument(error)
        }
        guard let list = document["reference_values"]?.arrayValue else {
            throw AppraisalError.invalidReferenceValues(
                location: "top level", reason: "expected an object with a \"reference_values\" array")
        }
        guard list.count <= Self.maxEntries else {
            throw AppraisalError.invalidReferenceValues(
                location: "reference_values", reason: "\(list.count) entries, above the limit of \(Self.maxEntries)")
        }
        entries = try list.enumerated().map { index, entry in
            try Self.entry(entry, location: "reference_values[\(index)]")
        }
    }

    static func entry(_ entry: JSONValue, location: String) throws -> ReferenceValue {
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
            guard let array = list.arrayValue else { throw invalid("\"values\" must be an array") }
            for value in array {
                guard let text = ReferenceValue.canonical(value) else {
                    throw invalid("\"values\" may hold strings, numbers and booleans only")
                }
                values.insert(text)
            }
        }
        var minimum: Int64?
        if let value = members["minimum"] {
            guard let integer = value.integerValue else { throw invalid("\"minimum\" must be an integer") }
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
        return ReferenceValue(
            tee: TEEKind(rawValue: tee), claim: claim, values: values, minimum: minimum,
            provenance: members["provenance"]?.stringValue ?? "unspecified", expires: expires, component: component)
    }

    /// The entries for one TEE that are current at `instant`.
    public func current(for tee: TEEKind, at instant: Date) -> [ReferenceValue] {
        entries.filter { $0.tee == tee && $0.isCurrent(at: instant) }
    }

    /// The document form.
    public var json: JSONValue {
        .object(["reference_values": .array(entries.map(\.json))])
    }
}
