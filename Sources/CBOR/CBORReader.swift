/// Reads CBOR items from untrusted bytes: definite lengths only, nesting and item counts bounded, every length
/// checked against the bytes that remain before anything is allocated for it.
public struct CBORReader: Sendable {
    /// Deepest nesting of arrays, maps and tags accepted.
    public static let maxDepth = 32
    /// Most items (of any kind, nested ones included) in one input.
    public static let maxItems = 1 << 20

    let bytes: [UInt8]
    /// Bytes consumed so far.
    public private(set) var offset = 0
    var items = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes exactly one item that fills `bytes`.
    public static func decode(_ bytes: [UInt8]) throws -> CBORValue {
        var reader = CBORReader(bytes)
        let value = try reader.read()
        guard reader.offset == bytes.count else { throw CBORError.trailingBytes(count: bytes.count - reader.offset) }
        return value
    }

    /// Reads the next item.
    public mutating func read() throws -> CBORValue { try read(depth: 0) }

    mutating func read(depth: Int) throws -> CBORValue {
        guard depth <= Self.maxDepth else { throw CBORError.tooDeep(limit: Self.maxDepth) }
        items += 1
        guard items <= Self.maxItems else { throw CBORError.tooManyItems(limit: Self.maxItems) }
        let start = offset
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1F
        if major == 7 { return try simpleOrFloat(info, at: start) }
        guard info != 31 else { throw CBORError.indefiniteLength(offset: start) }
        let argument = try self.argument(info, at: start)
        switch major {
        case 0: return .unsigned(argument)
        case 1: return .negative(argument)
        case 2: return .bytes(try take(argument, at: start))
        case 3:
            guard let text = String(validating: try take(argument, at: start), as: UTF8.self) else {
                throw CBORError.invalidUTF8(offset: start)
            }
            return .text(text)
        case 4:
            // Each item takes at least one byte, so a count above what remains is truncated input.
            guard argument <= UInt64(bytes.count - offset) else { throw CBORError.truncated(offset: start) }
            var elements: [CBORValue] = []
            elements.reserveCapacity(Int(argument))
            for _ in 0..<argument { elements.append(try read(depth: depth + 1)) }
            return .array(elements)
        case 5:
            guard argument <= UInt64(bytes.count - offset) / 2 else { throw CBORError.truncated(offset: start) }
            var entries: [CBORMapEntry] = []
            var keys = Set<CBORValue>()
            entries.reserveCapacity(Int(argument))
            for _ in 0..<argument {
                let keyOffset = offset
                let key = try read(depth: depth + 1)
                guard keys.insert(key).inserted else { throw CBORError.duplicateMapKey(offset: keyOffset) }
                entries.append(CBORMapEntry(key, try read(depth: depth + 1)))
            }
            return .map(entries)
        default:
            return .tagged(argument, try read(depth: depth + 1))
        }
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw CBORError.truncated(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: UInt64, at start: Int) throws -> [UInt8] {
        guard count <= UInt64(bytes.count - offset) else { throw CBORError.truncated(offset: start) }
        let end = offset + Int(count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    /// The argument of an initial byte: the value itself below 24, else the 1, 2, 4 or 8 bytes that follow.
    mutating func argument(_ info: UInt8, at start: Int) throws -> UInt64 {
        switch info {
        case 0..<24: return UInt64(info)
        case 24...27:
            var value: UInt64 = 0
            for byte in try take(1 << UInt64(info - 24), at: start) { value = value << 8 | UInt64(byte) }
            return value
        default: throw CBORError.reservedAdditionalInformation(offset: start)
        }
    }

    mutating func simpleOrFloat(_ info: UInt8, at start: Int) throws -> CBORValue {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 24:
            let value = try byte()
            guard value >= 32 else { throw CBORError.invalidSimpleValue(offset: start) }
            return .simple(value)
        case 25: return .float(Self.half(UInt16(truncatingIfNeeded: try argument(info, at: start))))
        case 26: return .float(Double(Float(bitPattern: UInt32(truncatingIfNeeded: try argument(info, at: start)))))
        case 27: return .float(Double(bitPattern: try argument(info, at: start)))
        case 31: throw CBORError.indefiniteLength(offset: start)
        case 28...30: throw CBORError.reservedAdditionalInformation(offset: start)
        default: return .simple(info)
        }
    }

    /// An IEEE 754 half-precision value as a Double.
    static func half(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
