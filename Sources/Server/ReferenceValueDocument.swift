import Appraisal
import AttestationCore

/// A reference-value document from the admin API, validated, as the entries the store keeps.
struct ReferenceValueDocument {
    let entries: [(tee: String, document: String)]

    init(_ bytes: [UInt8]) throws {
        let set = try ReferenceValueSet(json: bytes)
        entries = set.entries.map { ($0.tee.rawValue, $0.json.compactText) }
    }
}
