import Appraisal
import CoRIM

/// `corim`: a CoRIM as `assay reference-values import --corim` reads it: the reader and the mapping to reference
/// values, whose document must read back as a valid reference-value set.
public enum CoRIMFuzzTarget: FuzzTarget {
    public static let name = "corim"

    public static func run(_ bytes: [UInt8]) {
        guard let corim = try? CoRIM(parsing: bytes),
            let imported = try? CoRIMImport(corim, source: "fuzz", allowUnverifiedSignature: true)
        else { return }
        let document = ReferenceValueSet(imported.referenceValues).json
        FuzzInput.require(
            (try? ReferenceValueSet(json: document.compactBytes)) != nil, "imported reference values do not form a valid document")
    }
}
