public import CBOR

/// A conceptual message wrapper (draft-ietf-rats-msg-wrap, CBOR form): a record `[type, value, ?ind]` or a
/// collection, a map from labels to further wrappers.
public indirect enum CMW: Sendable, Hashable {
    /// One message: its media type (text, or a CoAP content-format number printed as text), the bytes, and the
    /// indicator bits saying what the bytes are (``Indicator``).
    case record(type: String, value: [UInt8], indicator: UInt64?)
    /// Labelled wrappers (labels are text or integers, printed as text here).
    case collection([(label: String, item: CMW)])

    /// The `ind` bits of a record.
    public enum Indicator {
        public static let referenceValues: UInt64 = 1
        public static let endorsements: UInt64 = 2
        public static let evidence: UInt64 = 4
        public static let attestationResults: UInt64 = 8
    }

    /// Deepest nesting of collections read.
    public static let maxDepth = 4
    /// Most entries in one collection.
    public static let maxEntries = 16

    public static func == (lhs: CMW, rhs: CMW) -> Bool { lhs.cbor == rhs.cbor }
    public func hash(into hasher: inout Hasher) { hasher.combine(CBORWriter.encode(cbor)) }

    /// Reads a wrapper from its CBOR encoding.
    public init(cbor bytes: [UInt8]) throws {
        let value: CBORValue
        do { value = try CBORReader.decode(bytes) } catch { throw Self.malformed("\(error)") }
        try self.init(value, depth: 0)
    }

    init(_ value: CBORValue, depth: Int) throws {
        switch value {
        case .array(let items):
            guard (2...3).contains(items.count) else {
                throw Self.malformed("a CMW record has 2 or 3 items, this one \(items.count)")
            }
            let type: String
            switch items[0] {
            case .text(let text): type = text
            case .unsigned(let number): type = String(number)
            default: throw Self.malformed("a CMW record's type is a text string or a content-format number")
            }
            guard let bytes = items[1].bytesValue else { throw Self.malformed("a CMW record's value is a byte string") }
            var indicator: UInt64?
            if items.count == 3 {
                guard case .unsigned(let bits) = items[2] else { throw Self.malformed("a CMW record's ind is an unsigned integer") }
                indicator = bits
            }
            self = .record(type: type, value: bytes, indicator: indicator)
        case .map(let entries):
            guard depth < Self.maxDepth else { throw Self.malformed("CMW collections nested deeper than \(Self.maxDepth)") }
            guard entries.count <= Self.maxEntries else {
                throw Self.malformed("a CMW collection of \(entries.count) entries (at most \(Self.maxEntries))")
            }
            var items: [(label: String, item: CMW)] = []
            for entry in entries {
                let label: String
                switch entry.key {
                case .text(let text): label = text
                case .unsigned(let number): label = String(number)
                case .negative(let number): label = "-" + (number == .max ? "18446744073709551616" : String(number + 1))
                default: throw Self.malformed("a CMW collection label is a text string or an integer")
                }
                if label == "__cmwc_t" { continue }
                // Labels are kept as text: an integer label and the text of its digits would be one label twice.
                guard !items.contains(where: { $0.label == label }) else {
                    throw Self.malformed("the collection label \(label) appears twice (as an integer and as text)")
                }
                items.append((label, try CMW(entry.value, depth: depth + 1)))
            }
            self = .collection(items)
        default:
            throw Self.malformed("a CMW is a record (array) or a collection (map)")
        }
    }

    static func malformed(_ reason: String) -> AttestedTLSError {
        .malformedExtension(carrier: EvidenceCarrier.cmw.description, reason: reason)
    }

    /// The CBOR form.
    public var cbor: CBORValue {
        switch self {
        case .record(let type, let value, let indicator):
            return .array([.text(type), .bytes(value)] + (indicator.map { [CBORValue.unsigned($0)] } ?? []))
        case .collection(let items):
            return .map(items.map { CBORMapEntry(.text($0.label), $0.item.cbor) })
        }
    }

    /// The encoding.
    public var encoded: [UInt8] { CBORWriter.encode(cbor) }

    /// The item labelled `label` of a collection.
    public subscript(label: String) -> CMW? {
        guard case .collection(let items) = self else { return nil }
        return items.first { $0.label == label }?.item
    }

    /// A record's type and value.
    public var record: (type: String, value: [UInt8])? {
        guard case .record(let type, let value, _) = self else { return nil }
        return (type, value)
    }
}
