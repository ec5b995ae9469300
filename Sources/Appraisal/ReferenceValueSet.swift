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
            try ReferenceValue(json: entry, location: "reference_values[\(index)]")
        }
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
