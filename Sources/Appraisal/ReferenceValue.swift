public import AttestationCore
public import Foundation

/// An expected value (or set, or minimum) for one claim of one TEE, with where it came from.
///
/// JSON form, one entry of a reference-value document:
/// `{"tee": "snp", "claim": "measurement", "values": ["…hex…"], "provenance": "CI build 1234",
///   "expires": "2027-01-01T00:00:00Z", "component": "executables"}`, or with `"minimum": 3` instead of `values`
/// for integer claims such as `svn` or `reported_tcb.snp`.
public struct ReferenceValue: Sendable, Hashable {
    /// The TEE whose claims this applies to.
    public var tee: TEEKind
    /// Dotted path of the claim (`measurement`, `policy.debug`, `pcrs.sha256.7`).
    public var claim: String
    /// Accepted values, canonicalised (hex lowercase; numbers and booleans as JSON text).
    public var values: Set<String>
    /// Smallest accepted integer, for version-like claims.
    public var minimum: Int64?
    /// Largest magnitude of a `minimum`: integers JSON carries exactly everywhere (2^53 - 1).
    public static let maxMinimumMagnitude: Int64 = 9_007_199_254_740_991
    /// Where the value came from (a build, a vendor manifest, an operator).
    public var provenance: String
    /// After this instant the value no longer counts.
    public var expires: Date?
    /// The AR4SI component a mismatch affects.
    public var component: TrustComponent

    public init(
        tee: TEEKind, claim: String, values: Set<String> = [], minimum: Int64? = nil, provenance: String,
        expires: Date? = nil, component: TrustComponent = .executables
    ) {
        self.tee = tee
        self.claim = claim
        self.values = Set(values.map { $0.lowercased() })
        self.minimum = minimum
        self.provenance = provenance
        self.expires = expires
        self.component = component
    }

    /// The canonical text of a claim value for comparison, or nil for arrays and objects.
    public static func canonical(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text.lowercased()
        case .integer, .double, .bool, .null: return value.compactText
        case .array, .object: return nil
        }
    }

    /// Whether this value applies at `instant`.
    public func isCurrent(at instant: Date) -> Bool {
        expires.map { instant < $0 } ?? true
    }

    /// Compares a claim value with this reference value.
    public func matches(_ observed: JSONValue) -> Bool {
        if let minimum {
            guard let integer = observed.integerValue, integer >= minimum else { return false }
        }
        if !values.isEmpty {
            guard let text = Self.canonical(observed), values.contains(text) else { return false }
        }
        return true
    }

    /// What this reference value accepts, for messages.
    public var expectation: String {
        var parts: [String] = []
        if !values.isEmpty {
            parts.append(values.count == 1 ? values.sorted()[0] : "one of [\(values.sorted().joined(separator: ", "))]")
        }
        if let minimum { parts.append("≥ \(minimum)") }
        return parts.joined(separator: " and ") + " (\(provenance))"
    }

    /// The entry as JSON, in the document form.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "tee": .string(tee.rawValue),
            "claim": .string(claim),
            "provenance": .string(provenance),
            "component": .string(component.rawValue),
        ]
        if !values.isEmpty { members["values"] = .array(values.sorted().map(JSONValue.string)) }
        if let minimum { members["minimum"] = .integer(minimum) }
        if let expires { members["expires"] = .string(RFC3339.format(expires)) }
        return .object(members)
    }
}
