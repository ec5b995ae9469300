public import AttestationCore

/// A JSON document Intel signs (TCB info, QE identity): the exact bytes of the inner object and the signature.
///
/// PCS serves `{"tcbInfo": {…}, "signature": "<r‖s hex>"}`; the signature covers the bytes of the inner object as
/// served. ``signedBytes`` are those bytes sliced from the input; ``compactBytes`` is Intel's compact form, kept
/// only when someone pretty-printed the document (the signature then verifies over that form instead).
public struct SignedCollateralDocument: Sendable, Hashable {
    /// Where the document came from (file, URL, bundle member), for messages.
    public let source: String
    /// The exact bytes of the signed object.
    public let signedBytes: [UInt8]
    /// The object without whitespace between tokens, when that differs from ``signedBytes``.
    public let compactBytes: [UInt8]?
    /// The ECDSA P-256 signature, raw r‖s.
    public let signature: [UInt8]
    /// The parsed object.
    public let object: JSONValue

    /// A document whose signed object is `signedBytes` and whose signature is the hex text `signatureHex`.
    init(source: String, signedBytes: [UInt8], signatureHex: String) throws {
        guard let signature = try? Hex.decode(signatureHex), signature.count == 64 else {
            throw DCAPError.malformedCollateral(source: source, reason: "the signature must be 64 bytes of hex (raw r‖s)")
        }
        let object: JSONValue
        do { object = try JSONValue(parsing: signedBytes) } catch {
            throw DCAPError.malformedCollateral(source: source, reason: "\(error)")
        }
        guard object.objectValue != nil else {
            throw DCAPError.malformedCollateral(source: source, reason: "the signed document is not a JSON object")
        }
        let compact = Self.compact(signedBytes)
        self.source = source
        self.signedBytes = signedBytes
        self.compactBytes = compact == signedBytes ? nil : compact
        self.signature = signature
        self.object = object
    }

    /// Reads a PCS envelope `{"<member>": {…}, "signature": "…"}` whose members and value ranges were parsed from
    /// `bytes`.
    init(envelope: [String: JSONValue], ranges: [String: Range<Int>], bytes: [UInt8], member: String, source: String) throws {
        guard let range = ranges[member] else {
            throw DCAPError.malformedCollateral(source: source, reason: "member '\(member)' is missing")
        }
        try self.init(
            source: source, signedBytes: Array(bytes[range]),
            signatureHex: try JSONValue.object(envelope).string("signature", in: source))
    }

    /// The byte forms the signature may cover: as given, then Intel's compact form.
    public var candidateSignedForms: [[UInt8]] { [signedBytes] + (compactBytes.map { [$0] } ?? []) }

    /// JSON whitespace (RFC 8259: space, tab, line feed, carriage return).
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// `text` without the whitespace between tokens: Intel's compact serialisation of a document that was
    /// pretty-printed, with member order, keys, strings and numbers exactly as written. `text` must be valid JSON.
    static func compact(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var inString = false
        var escaped = false
        for byte in text {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if !isWhitespace(byte) {
                out.append(byte)
            }
        }
        return out
    }
}
