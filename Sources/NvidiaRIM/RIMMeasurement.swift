import AttestationCore

/// One golden measurement of a RIM's Payload: `<Resource type="Measurement" index="3" active="True"
/// alternatives="2" size="48" ns:Hash0="…" ns:Hash1="…"/>`, the hashes in the SHA-384 namespace
/// (``ReferenceIntegrityManifest/hashNamespace``). Any one of the alternatives is a genuine value.
public struct RIMMeasurement: Sendable, Hashable {
    /// Largest index: RIM indices are 0-based and the GPU reports index i as SPDM measurement block i + 1, a byte
    /// from 1 to 254 (NVIDIA's verifier compares RIM index i with the report's (i + 1)th block).
    public static let maxIndex = 253
    /// Most alternatives of one measurement.
    public static let maxAlternatives = 64
    /// Largest measurement, in bytes (SHA-384 digests are 48).
    public static let maxSize = 64

    /// The 0-based index (`index`).
    public let index: Int
    /// The resource's `name` (`HashedMeasurement_1_FSP`), if any.
    public let name: String?
    /// Whether the GPU's measurement at this index is compared (`active`).
    public let isActive: Bool
    /// The size of each value in bytes (`size`).
    public let size: Int
    /// The accepted values (`Hash0` … `Hash<alternatives - 1>`).
    public let alternatives: [[UInt8]]

    /// The SPDM measurement block index the GPU reports this measurement under (index + 1).
    public var blockIndex: Int { index + 1 }

    /// Reads a `Resource` element; `field` locates it in errors.
    init(element: XMLElement, field: String) throws(NvidiaRIMError) {
        var unqualified: [String: String] = [:]
        var hashes: [Int: String] = [:]
        for attribute in element.attributes {
            if attribute.namespace == nil {
                unqualified[attribute.name] = attribute.value
            } else if attribute.namespace == ReferenceIntegrityManifest.hashNamespace {
                guard attribute.name.hasPrefix("Hash"), let position = Int(attribute.name.dropFirst(4)), position >= 0,
                    String(position) == attribute.name.dropFirst(4)
                else {
                    throw NvidiaRIMError.invalidField(
                        field: "\(field)@\(attribute.name.prefix(64))", reason: "expected Hash0, Hash1, … in the SHA-384 namespace")
                }
                hashes[position] = attribute.value
            }
        }
        guard unqualified["type"] == "Measurement" else {
            throw NvidiaRIMError.invalidField(
                field: "\(field)@type", reason: "\"\((unqualified["type"] ?? "").prefix(32))\", expected \"Measurement\"")
        }
        index = try Self.integer(unqualified["index"], in: 0...Self.maxIndex, field: "\(field)@index")
        size = try Self.integer(unqualified["size"], in: 1...Self.maxSize, field: "\(field)@size")
        let count = try Self.integer(
            unqualified["alternatives"], in: 1...Self.maxAlternatives, field: "\(field)@alternatives")
        switch unqualified["active"] {
        case "True", "true", "1": isActive = true
        case "False", "false", "0": isActive = false
        case let other:
            throw NvidiaRIMError.invalidField(
                field: "\(field)@active", reason: "\"\((other ?? "").prefix(32))\", expected True or False")
        }
        name = unqualified["name"]
        guard hashes.count == count, hashes.keys.allSatisfy({ $0 < count }) else {
            throw NvidiaRIMError.invalidField(
                field: field,
                reason: "alternatives=\(count) but the hashes are \(hashes.keys.sorted().map { "Hash\($0)" }), "
                    + "expected Hash0 to Hash\(count - 1)")
        }
        var values: [[UInt8]] = []
        for position in 0..<count {
            let value: [UInt8]
            do { value = try Hex.decode(hashes[position] ?? "") } catch {
                throw NvidiaRIMError.invalidField(field: "\(field)@Hash\(position)", reason: "\(error)")
            }
            guard value.count == size else {
                throw NvidiaRIMError.invalidField(
                    field: "\(field)@Hash\(position)", reason: "\(value.count) bytes, size says \(size)")
            }
            values.append(value)
        }
        alternatives = values
    }

    /// A decimal attribute within `range`.
    static func integer(_ text: String?, in range: ClosedRange<Int>, field: String) throws(NvidiaRIMError) -> Int {
        guard let text else { throw NvidiaRIMError.invalidField(field: field, reason: "missing") }
        guard text.utf8.count <= 9, let value = Int(text), String(value) == text, range.contains(value) else {
            throw NvidiaRIMError.invalidField(
                field: field, reason: "\"\(text.prefix(32))\" is not an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
