import AttestationCore
import CBOR

/// A measurement-map: `{? 0: mkey, 1: mval, ? 2: authorized-by}`.
public struct MeasurementMap: Sendable, Hashable {
    /// A measured-element key (mkey).
    public enum Key: Sendable, Hashable, CustomStringConvertible {
        /// An unsigned integer (the AMD SEV-SNP profile numbers report fields this way).
        case number(UInt64)
        /// Text (a register or field name).
        case text(String)
        /// An OID (tag 111) or UUID (tag 37), kept with its tag.
        case identifier(tag: UInt64, bytes: [UInt8])

        public var description: String {
            switch self {
            case .number(let number): return "mkey \(number)"
            case .text(let text): return "mkey '\(text)'"
            case .identifier(let tag, let bytes): return "mkey tag \(tag)(\(Hex.encode(bytes)))"
            }
        }
    }

    /// Longest identifier key read.
    static let maxKeyBytes = 64

    /// The mkey, when present.
    public let key: Key?
    /// The mval.
    public let values: MeasurementValues

    init(_ value: CBORValue, location: String) throws {
        _ = try value.map(at: location)
        switch value[label: 0] {
        case nil: key = nil
        case .unsigned(let number): key = .number(number)
        case .text(let text):
            guard text.utf8.count <= CoRIM.maxTextBytes else {
                throw CoRIMError.malformed(location: "\(location) mkey", reason: "text longer than \(CoRIM.maxTextBytes) bytes")
            }
            key = .text(text)
        case .tagged(let tag, .bytes(let bytes)) where (tag == 37 || tag == 111) && bytes.count <= Self.maxKeyBytes:
            key = .identifier(tag: tag, bytes: bytes)
        case let other?:
            throw CoRIMError.malformed(location: "\(location) mkey", reason: "expected an unsigned integer, text, OID or UUID, found \(other.summary)")
        }
        guard let mval = value[label: 1] else { throw CoRIMError.malformed(location: "\(location) mval (1)", reason: "missing") }
        values = try MeasurementValues(mval, location: "\(location) mval")
    }
}
