public import CBOR

/// A COSE_Sign1 message (RFC 9052 §4.2), tagged 18 or untagged: `[protected: bstr, unprotected: map,
/// payload: bstr, signature: bstr]`. The protected header is kept as the exact bytes received, since the signature
/// covers them.
public struct COSESign1: Sendable, Hashable {
    /// COSE_Sign1's CBOR tag.
    public static let tag: UInt64 = 18

    /// The protected header's exact bytes (a serialised map).
    public let protectedBytes: [UInt8]
    /// The protected header, decoded.
    public let protectedHeader: CBORValue
    /// The unprotected header.
    public let unprotectedHeader: CBORValue
    /// The payload.
    public let payload: [UInt8]
    /// The signature (for ECDSA, raw r‖s).
    public let signature: [UInt8]

    /// Parses a message; throws ``NitroError/malformedDocument(_:)`` for anything that is not a COSE_Sign1.
    public init(parsing bytes: [UInt8]) throws {
        var value = try NitroError.cbor { try CBORReader.decode(bytes) }
        if case .tagged(let tag, let inner) = value {
            guard tag == Self.tag else { throw NitroError.malformedDocument("CBOR tag \(tag), not COSE_Sign1's 18") }
            value = inner
        }
        guard let parts = value.arrayValue, parts.count == 4 else {
            throw NitroError.malformedDocument("a COSE_Sign1 is an array of 4 items")
        }
        guard let protectedBytes = parts[0].bytesValue, let payload = parts[2].bytesValue, let signature = parts[3].bytesValue,
            parts[1].mapValue != nil
        else {
            throw NitroError.malformedDocument("COSE_Sign1 items must be a byte string, a map, a byte string and a byte string")
        }
        self.protectedBytes = protectedBytes
        protectedHeader = protectedBytes.isEmpty ? .map([]) : try NitroError.cbor { try CBORReader.decode(protectedBytes) }
        guard protectedHeader.mapValue != nil else { throw NitroError.malformedDocument("the protected header is not a map") }
        unprotectedHeader = parts[1]
        self.payload = payload
        self.signature = signature
    }

    /// The `alg` header parameter (label 1), from the protected header.
    public var algorithm: Int64? { protectedHeader[1]?.integerValue }

    /// The bytes the signature covers: Sig_structure `["Signature1", protected, external_aad = h'', payload]`.
    public var signedBytes: [UInt8] {
        CBORWriter.encode(.array([.text("Signature1"), .bytes(protectedBytes), .bytes([]), .bytes(payload)]))
    }
}
