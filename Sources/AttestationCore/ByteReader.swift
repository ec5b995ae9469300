/// A bounds-checked cursor over untrusted binary input.
///
/// Every read names the field it reads, so a short input fails with
/// ``AttestationCoreError/truncated(field:offset:needed:available:)`` that says exactly what was missing. The name
/// is only built when an error needs it: parsers name fields with interpolated indices, and building those strings
/// on every read cost more than the reads.
public struct ByteReader: Sendable {
    /// The whole input; ``offset`` counts from its start.
    public let bytes: ArraySlice<UInt8>
    /// Bytes consumed so far.
    public private(set) var offset: Int = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }
    public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// Bytes not yet consumed.
    public var remaining: Int { bytes.count - offset }
    /// Whether every byte has been consumed.
    public var isAtEnd: Bool { remaining == 0 }

    /// Reads `count` bytes as a slice of the input (indices are those of the original array).
    public mutating func read(_ count: Int, field: @autoclosure () -> String) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw AttestationCoreError.truncated(field: field(), offset: offset, needed: count, available: remaining)
        }
        let start = bytes.startIndex + offset
        offset += count
        return bytes[start..<(start + count)]
    }

    /// Reads `count` bytes into a new array.
    public mutating func readArray(_ count: Int, field: @autoclosure () -> String) throws -> [UInt8] {
        Array(try read(count, field: field()))
    }

    /// Reads a little-endian integer (inlinable, so that parsers get it specialised for their integer types).
    @inlinable
    public mutating func readLittleEndian<T: FixedWidthInteger>(
        _ type: T.Type = T.self, field: @autoclosure () -> String
    ) throws -> T {
        let slice = try read(MemoryLayout<T>.size, field: field())
        var value: T = 0
        for byte in slice.reversed() { value = (value << 8) | T(byte) }
        return value
    }

    /// Reads a big-endian integer (inlinable, like ``readLittleEndian(_:field:)``).
    @inlinable
    public mutating func readBigEndian<T: FixedWidthInteger>(
        _ type: T.Type = T.self, field: @autoclosure () -> String
    ) throws -> T {
        let slice = try read(MemoryLayout<T>.size, field: field())
        var value: T = 0
        for byte in slice { value = (value << 8) | T(byte) }
        return value
    }

    /// Consumes a reserved range and records it in `reserved` when any byte is set: only a short input throws.
    public mutating func readReserved(
        _ count: Int, field: @autoclosure () -> String, into reserved: inout ReservedFields
    ) throws {
        let slice = try read(count, field: field())
        if slice.contains(where: { $0 != 0 }) { reserved.note(field()) }
    }

    /// Reads a length or count and checks it against its named bound before anything is allocated for it.
    public static func bounded(_ value: some BinaryInteger, limit: Int, field: @autoclosure () -> String) throws -> Int {
        guard value >= 0, value <= limit else {
            throw AttestationCoreError.boundExceeded(field: field(), value: Int(clamping: value), limit: limit)
        }
        return Int(value)
    }

    /// Throws unless every byte was consumed.
    public func expectEnd(of structure: String) throws {
        guard isAtEnd else { throw AttestationCoreError.trailingBytes(structure: structure, count: remaining) }
    }
}
