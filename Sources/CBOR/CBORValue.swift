/// One CBOR data item (RFC 8949) of the definite-length subset: what attestation formats use (COSE, Nitro
/// attestation documents, CMW records, DICE tagged evidence, CoRIM).
public indirect enum CBORValue: Sendable, Hashable {
    /// Major type 0: an unsigned integer.
    case unsigned(UInt64)
    /// Major type 1: the negative integer -1 - n.
    case negative(UInt64)
    /// Major type 2: a byte string.
    case bytes([UInt8])
    /// Major type 3: a UTF-8 text string.
    case text(String)
    /// Major type 4: an array.
    case array([CBORValue])
    /// Major type 5: a map, its entries in the order they were read (keys are unique).
    case map([CBORMapEntry])
    /// Major type 6: a tagged item.
    case tagged(UInt64, CBORValue)
    /// Simple values false and true.
    case bool(Bool)
    /// Simple value null.
    case null
    /// Simple value undefined.
    case undefined
    /// Another simple value (0–19, 32–255).
    case simple(UInt8)
    /// A half, single or double precision float.
    case float(Double)

    /// An integer as Int64, when it fits.
    public var integerValue: Int64? {
        switch self {
        case .unsigned(let value): return Int64(exactly: value)
        case .negative(let value): return Int64(exactly: value).map { -1 - $0 }
        default: return nil
        }
    }

    /// The bytes of a byte string.
    public var bytesValue: [UInt8]? { if case .bytes(let bytes) = self { bytes } else { nil } }
    /// The text of a text string.
    public var textValue: String? { if case .text(let text) = self { text } else { nil } }
    /// The items of an array.
    public var arrayValue: [CBORValue]? { if case .array(let items) = self { items } else { nil } }
    /// The entries of a map.
    public var mapValue: [CBORMapEntry]? { if case .map(let entries) = self { entries } else { nil } }
    /// Whether this is null.
    public var isNull: Bool { self == .null }

    /// The value under `key` in a map (nil when this is not a map or the key is absent).
    public subscript(key: CBORValue) -> CBORValue? { mapValue?.first { $0.key == key }?.value }
    /// The value under a text key in a map.
    public subscript(key: String) -> CBORValue? { self[.text(key)] }
    /// The value under an integer key in a map (COSE headers use integer labels).
    public subscript(label: Int64) -> CBORValue? {
        self[label >= 0 ? .unsigned(UInt64(label)) : .negative(UInt64(-1 - label))]
    }
}

/// One key and value of a CBOR map.
public struct CBORMapEntry: Sendable, Hashable {
    public let key: CBORValue
    public let value: CBORValue

    public init(_ key: CBORValue, _ value: CBORValue) {
        self.key = key
        self.value = value
    }
}
