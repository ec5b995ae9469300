import AttestationCore
import CBOR

/// An environment-map: `{? 0: class-map, ? 1: instance, ? 2: group}`, with
/// `class-map = {? 0: class-id, ? 1: vendor, ? 2: model, ? 3: layer, ? 4: index}`.
public struct EnvironmentMap: Sendable, Hashable {
    /// A class-id: an OID (tag 111), a UUID (tag 37) or bytes (tag 560), kept with its tag.
    public struct ClassID: Sendable, Hashable, CustomStringConvertible {
        /// The CBOR tag (111, 37 or 560).
        public let tag: UInt64
        /// The identifier's bytes.
        public let bytes: [UInt8]

        public var description: String {
            switch tag {
            case 37: return "uuid " + UUIDText(bytes).description
            case 111: return "oid " + Hex.encode(bytes)
            default: return "bytes " + Hex.encode(bytes)
            }
        }
    }

    /// Longest class-id read.
    static let maxClassIDBytes = 64

    /// class-id, when present.
    public let classID: ClassID?
    /// class vendor, when present.
    public let vendor: String?
    /// class model, when present.
    public let model: String?
    /// Whether the environment names one instance (a reference value then applies to that device only); a group
    /// (label 2) is the issuer's grouping and does not narrow it.
    public let hasInstance: Bool

    init(_ value: CBORValue, location: String) throws {
        _ = try value.map(at: location)
        let classMap = value[label: 0]
        if let classMap { _ = try classMap.map(at: "\(location) class (0)") }
        classID = try classMap?[label: 0].map { item in
            guard case .tagged(let tag, .bytes(let bytes)) = item, [37, 111, 560].contains(tag), !bytes.isEmpty,
                bytes.count <= Self.maxClassIDBytes
            else {
                throw CoRIMError.malformed(location: "\(location) class-id", reason: "expected an OID, UUID or tagged bytes, found \(item.summary)")
            }
            return ClassID(tag: tag, bytes: bytes)
        }
        vendor = try classMap?[label: 1].map { try $0.text(at: "\(location) vendor", limit: CoRIM.maxTextBytes) }
        model = try classMap?[label: 2].map { try $0.text(at: "\(location) model", limit: CoRIM.maxTextBytes) }
        hasInstance = value[label: 1] != nil
    }

    /// The class as text for messages and provenance: its vendor, model and class-id.
    public var description: String {
        var parts: [String] = []
        if let vendor { parts.append("vendor '\(vendor)'") }
        if let model { parts.append("model '\(model)'") }
        if let classID { parts.append("class-id \(classID)") }
        return parts.isEmpty ? "an environment without a class" : parts.joined(separator: ", ")
    }
}
