import AttestationCore

/// A bounded reader of the protobuf wire format (varints and length-delimited fields), enough to read the
/// go-tpm-tools `Attestation` message without generated code.
public struct ProtobufReader: Sendable {
    /// A field's wire type.
    public enum WireType: UInt8, Sendable {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    /// One field: its number and its value.
    public struct Field: Sendable {
        /// The field number.
        public let number: UInt32
        /// The wire type.
        public let wireType: WireType
        /// The varint value (for ``WireType/varint``).
        public let varint: UInt64
        /// The payload (length-delimited fields; the raw bytes of fixed fields).
        public let bytes: ArraySlice<UInt8>
    }

    /// Bound on a varint's encoded length (64-bit values need 10 bytes).
    static let maxVarintBytes = 10

    var reader: ByteReader
    /// The message name, for errors.
    let message: String

    public init(_ bytes: ArraySlice<UInt8>, message: String) {
        reader = ByteReader(bytes)
        self.message = message
    }

    /// The next field, or nil at the end of the message.
    public mutating func next() throws -> Field? {
        guard !reader.isAtEnd else { return nil }
        let key = try varint()
        guard key >> 3 > 0, key >> 3 <= UInt64(UInt32.max >> 3) else {
            throw TPMError.malformedProtobuf(message: message, reason: "field number \(key >> 3) at byte \(reader.offset)")
        }
        guard let wireType = WireType(rawValue: UInt8(key & 7)) else {
            throw TPMError.malformedProtobuf(message: message, reason: "unsupported wire type \(key & 7) at byte \(reader.offset)")
        }
        let number = UInt32(key >> 3)
        do {
            switch wireType {
            case .varint:
                return Field(number: number, wireType: wireType, varint: try varint(), bytes: [])
            case .fixed64:
                return Field(number: number, wireType: wireType, varint: 0, bytes: try reader.read(8, field: "fixed64"))
            case .fixed32:
                return Field(number: number, wireType: wireType, varint: 0, bytes: try reader.read(4, field: "fixed32"))
            case .lengthDelimited:
                let length = try ByteReader.bounded(try varint(), limit: reader.remaining, field: "field \(number) length")
                return Field(number: number, wireType: wireType, varint: 0, bytes: try reader.read(length, field: "field \(number)"))
            }
        } catch let error as AttestationCoreError {
            throw TPMError.malformedProtobuf(message: message, reason: "\(error)")
        }
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<Self.maxVarintBytes {
            let byte: UInt8
            do { byte = try reader.readBigEndian(UInt8.self, field: "varint") } catch {
                throw TPMError.malformedProtobuf(message: message, reason: "truncated varint at byte \(reader.offset)")
            }
            value |= UInt64(byte & 0x7f) << (7 * UInt64(index))
            if byte & 0x80 == 0 { return value }
        }
        throw TPMError.malformedProtobuf(message: message, reason: "varint longer than \(Self.maxVarintBytes) bytes")
    }
}

extension ProtobufReader.Field {
    /// The payload of a length-delimited field; throws for other wire types.
    func lengthDelimited(in message: String) throws -> ArraySlice<UInt8> {
        guard wireType == .lengthDelimited else {
            throw TPMError.malformedProtobuf(message: message, reason: "field \(number) is not length-delimited")
        }
        return bytes
    }

    /// The value of a varint field; throws for other wire types.
    func varintValue(in message: String) throws -> UInt64 {
        guard wireType == .varint else {
            throw TPMError.malformedProtobuf(message: message, reason: "field \(number) is not a varint")
        }
        return varint
    }
}
