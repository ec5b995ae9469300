import AttestationCore
import CBOR

/// A Concise Reference Integrity Manifest (draft-ietf-rats-corim): the unsigned-corim-map, tagged 501, either bare or
/// as the payload of a COSE_Sign1 (tag 18). Reading it judges nothing: which TEEs and measurements Assay imports is
/// ``CoRIMImport``'s business.
///
/// `unsigned-corim-map = {0: id, 1: [+ concise-tag], ? 2: dependent-rims, ? 3: profile, ? 4: validity, ? 5: entities}`;
/// CoMIDs are `#6.506(bstr .cbor concise-mid-tag)`.
public struct CoRIM: Sendable, Hashable {
    /// Largest CoRIM file read.
    public static let maxBytes = 4 * 1024 * 1024
    /// Most tags (CoMIDs, CoSWIDs, CoTLs) in one CoRIM.
    public static let maxTags = 256
    /// Longest text identifier or profile read.
    static let maxTextBytes = 1024

    /// The tagged-unsigned-corim-map tag.
    public static let unsignedTag: UInt64 = 501
    /// The legacy concise-rim-type-choice tag that early drafts put around tag 501.
    public static let legacyTag: UInt64 = 500
    /// COSE_Sign1's tag (RFC 9052).
    public static let signedTag: UInt64 = 18
    /// tagged-concise-mid-tag.
    public static let comidTag: UInt64 = 506

    /// The corim-id, as text (a UUID in its canonical form, other byte strings in hex).
    public let id: String
    /// The profile (a URI or an OID in dotted form), when present.
    public let profile: String?
    /// Whether the CoRIM came inside a COSE_Sign1 (whose signature this type does not check).
    public let isSigned: Bool
    /// The CoMIDs, in order.
    public let comids: [CoMID]
    /// Tags that are not CoMIDs, named by kind and position (CoSWID 505, CoTL 508, …).
    public let otherTags: [String]

    /// Reads a CoRIM from its CBOR encoding.
    public init(parsing bytes: [UInt8]) throws {
        var value = try Self.decode(bytes)
        if case .tagged(Self.legacyTag, let inner) = value { value = inner }
        var signed = false
        if case .tagged(Self.signedTag, let message) = value {
            signed = true
            guard let parts = message.arrayValue, parts.count == 4, let payload = parts[2].bytesValue else {
                throw CoRIMError.malformed(
                    location: "COSE_Sign1", reason: "expected [protected, unprotected, payload bytes, signature] (a detached payload is not supported)")
            }
            value = try Self.decode(payload)
        }
        guard case .tagged(Self.unsignedTag, let body) = value else { throw CoRIMError.notCoRIM(found: value.summary) }
        isSigned = signed
        guard body.mapValue != nil else { throw CoRIMError.malformed(location: "unsigned-corim-map", reason: "expected a map") }
        guard let idValue = body[label: 0] else { throw CoRIMError.malformed(location: "corim-id (0)", reason: "missing") }
        id = try Self.identifier(idValue, at: "corim-id (0)")
        profile = try body[label: 3].map { try Self.profile($0) }
        guard let tagsValue = body[label: 1] else { throw CoRIMError.malformed(location: "tags (1)", reason: "missing") }
        let tags = try tagsValue.array(at: "tags (1)", limit: Self.maxTags)
        var comids: [CoMID] = []
        var otherTags: [String] = []
        for (index, tag) in tags.enumerated() {
            let location = "tags[\(index)]"
            guard case .tagged(let number, let content) = tag else {
                throw CoRIMError.malformed(location: location, reason: "expected a tagged concise tag, found \(tag.summary)")
            }
            switch number {
            case Self.comidTag:
                // The CDDL wraps the CoMID in a byte string; some encoders put the map directly under the tag.
                let comid = try content.bytesValue.map { try Self.decode($0) } ?? content
                comids.append(try CoMID(comid, location: location))
            case 505: otherTags.append("\(location): CoSWID (tag 505)")
            case 508: otherTags.append("\(location): CoTL (tag 508)")
            default: otherTags.append("\(location): tag \(number)")
            }
        }
        self.comids = comids
        self.otherTags = otherTags
    }

    static func decode(_ bytes: [UInt8]) throws -> CBORValue {
        do { return try CBORReader.decode(bytes) } catch let error as CBORError { throw CoRIMError.cbor(error) }
    }

    /// A tag or CoRIM identifier: text, a UUID (tag 37 or a bare 16-byte string), or other bytes in hex.
    static func identifier(_ value: CBORValue, at location: String) throws -> String {
        switch value {
        case .text: return try value.text(at: location, limit: maxTextBytes)
        case .tagged(37, .bytes(let bytes)) where bytes.count == 16: return UUIDText(bytes).description
        case .bytes(let bytes) where bytes.count == 16: return UUIDText(bytes).description
        case .bytes(let bytes) where bytes.count <= maxTextBytes / 2: return Hex.encode(bytes)
        default: throw CoRIMError.malformed(location: location, reason: "expected text or a UUID, found \(value.summary)")
        }
    }

    /// The profile: a URI (tag 32 or text) or an OID (tag 111).
    static func profile(_ value: CBORValue) throws -> String {
        switch value {
        case .tagged(32, let uri): return try uri.text(at: "profile (3)", limit: maxTextBytes)
        case .text: return try value.text(at: "profile (3)", limit: maxTextBytes)
        case .tagged(111, .bytes(let bytes)) where bytes.count <= maxTextBytes / 2: return "oid:" + Hex.encode(bytes)
        default: throw CoRIMError.malformed(location: "profile (3)", reason: "expected a URI or an OID, found \(value.summary)")
        }
    }
}
