import CBOR

/// A Concise Module Identifier tag: `{? 0: language, 1: tag-identity, ? 2: entities, ? 3: linked-tags, 4: triples}`.
/// Only the reference triples are read; the other triple kinds are counted so an import can name what it left out.
public struct CoMID: Sendable, Hashable {
    /// Most reference triples in one CoMID.
    public static let maxTriples = 4096

    /// triples-map labels and their CDDL names, for the kinds this type does not read.
    static let otherTripleKinds: [Int: String] = [
        1: "endorsed-triples", 2: "identity-triples", 3: "attest-key-triples", 4: "dependency-triples",
        5: "membership-triples", 6: "coswid-triples", 8: "conditional-endorsement-series-triples",
        10: "conditional-endorsement-triples",
    ]

    /// The tag-id of its tag-identity (text, or a UUID in canonical form).
    public let tagID: String
    /// Its reference-triples (label 0), in order.
    public let referenceTriples: [ReferenceTriple]
    /// The other triple kinds present, as "name (count)".
    public let otherTriples: [String]

    init(_ value: CBORValue, location: String) throws {
        _ = try value.map(at: location)
        guard let identity = value[label: 1] else {
            throw CoRIMError.malformed(location: "\(location) tag-identity (1)", reason: "missing")
        }
        guard let tagIDValue = identity[label: 0] else {
            throw CoRIMError.malformed(location: "\(location) tag-identity (1)", reason: "missing tag-id (0)")
        }
        tagID = try CoRIM.identifier(tagIDValue, at: "\(location) tag-id")
        guard let triples = value[label: 4] else { throw CoRIMError.malformed(location: "\(location) triples (4)", reason: "missing") }
        var references: [ReferenceTriple] = []
        var others: [String] = []
        for entry in try triples.map(at: "\(location) triples (4)") {
            let label = entry.key.integerValue
            if label == 0 {
                let list = try entry.value.array(at: "\(location) reference-triples", limit: Self.maxTriples)
                for (index, triple) in list.enumerated() {
                    references.append(try ReferenceTriple(triple, location: "\(location) reference-triples[\(index)]"))
                }
            } else {
                let name = label.flatMap { Self.otherTripleKinds[Int($0)] } ?? "triples \(entry.key.summary)"
                let count = entry.value.arrayValue?.count ?? 1
                others.append("\(name) (\(count))")
            }
        }
        referenceTriples = references
        otherTriples = others
    }
}
